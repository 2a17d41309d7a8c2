from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.activation_request import ActivationRequest
from ...models.activation_response import ActivationResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    name: str,
    *,
    body: ActivationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/activations/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActivationResponse | Problem | None:
    if response.status_code == 200:
        response_200 = ActivationResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ActivationResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: ActivationRequest,
) -> Response[ActivationResponse | Problem]:
    """Evaluate an activation and its gradients

     Evaluate f(x) and, as asked in `outputs`, the elementwise derivative, the Jacobian
    along `axis`, the VJP for `grad_output` (default ones) and PReLU's alpha gradient.

    Gradients at kinks follow PyTorch (relu'(0) = 0, hard_tanh'(±1) = 0, ...). Response
    tensors take the form of `x` unless `encoding` is set. Parameters go by name or alias,
    e.g. for `leaky_relu`: `{"x": [-1, 2], "params": {"negative_slope": 0.2}}`.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        body (ActivationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivationResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: ActivationRequest,
) -> ActivationResponse | Problem | None:
    """Evaluate an activation and its gradients

     Evaluate f(x) and, as asked in `outputs`, the elementwise derivative, the Jacobian
    along `axis`, the VJP for `grad_output` (default ones) and PReLU's alpha gradient.

    Gradients at kinks follow PyTorch (relu'(0) = 0, hard_tanh'(±1) = 0, ...). Response
    tensors take the form of `x` unless `encoding` is set. Parameters go by name or alias,
    e.g. for `leaky_relu`: `{"x": [-1, 2], "params": {"negative_slope": 0.2}}`.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        body (ActivationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivationResponse | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: ActivationRequest,
) -> Response[ActivationResponse | Problem]:
    """Evaluate an activation and its gradients

     Evaluate f(x) and, as asked in `outputs`, the elementwise derivative, the Jacobian
    along `axis`, the VJP for `grad_output` (default ones) and PReLU's alpha gradient.

    Gradients at kinks follow PyTorch (relu'(0) = 0, hard_tanh'(±1) = 0, ...). Response
    tensors take the form of `x` unless `encoding` is set. Parameters go by name or alias,
    e.g. for `leaky_relu`: `{"x": [-1, 2], "params": {"negative_slope": 0.2}}`.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        body (ActivationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivationResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: ActivationRequest,
) -> ActivationResponse | Problem | None:
    """Evaluate an activation and its gradients

     Evaluate f(x) and, as asked in `outputs`, the elementwise derivative, the Jacobian
    along `axis`, the VJP for `grad_output` (default ones) and PReLU's alpha gradient.

    Gradients at kinks follow PyTorch (relu'(0) = 0, hard_tanh'(±1) = 0, ...). Response
    tensors take the form of `x` unless `encoding` is set. Parameters go by name or alias,
    e.g. for `leaky_relu`: `{"x": [-1, 2], "params": {"negative_slope": 0.2}}`.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        body (ActivationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivationResponse | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
