"""HTTP routers, one per family."""
