from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.activation_entry import ActivationEntry
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/activations/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActivationEntry | Problem | None:
    if response.status_code == 200:
        response_200 = ActivationEntry.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[ActivationEntry | Problem]:
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
) -> Response[ActivationEntry | Problem]:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivationEntry | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> ActivationEntry | Problem | None:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivationEntry | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ActivationEntry | Problem]:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivationEntry | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> ActivationEntry | Problem | None:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivationEntry | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
