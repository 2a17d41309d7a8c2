"""gradserve: activations, losses, optimizers and their gradients over HTTP."""

__version__ = "0.1.0"
