from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.curve_response import CurveResponse
from ...models.get_activation_curve_format import GetActivationCurveFormat
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: GetActivationCurveFormat | Unset = "json",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["start"] = start

    params["stop"] = stop

    params["num"] = num

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/activations/{name}/curve".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CurveResponse | Problem | None:
    if response.status_code == 200:
        response_200 = CurveResponse.from_dict(response.json())

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
) -> Response[CurveResponse | Problem]:
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
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: GetActivationCurveFormat | Unset = "json",
) -> Response[CurveResponse | Problem]:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (GetActivationCurveFormat | Unset): json samples, or a png/svg plot. Default:
            'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CurveResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        start=start,
        stop=stop,
        num=num,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: GetActivationCurveFormat | Unset = "json",
) -> CurveResponse | Problem | None:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (GetActivationCurveFormat | Unset): json samples, or a png/svg plot. Default:
            'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CurveResponse | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
        start=start,
        stop=stop,
        num=num,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: GetActivationCurveFormat | Unset = "json",
) -> Response[CurveResponse | Problem]:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (GetActivationCurveFormat | Unset): json samples, or a png/svg plot. Default:
            'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CurveResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        start=start,
        stop=stop,
        num=num,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: GetActivationCurveFormat | Unset = "json",
) -> CurveResponse | Problem | None:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (str): Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.
            Canonical names: step, linear, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, celu,
            gelu, silu, mish, softplus, softsign, log_sigmoid, hard_sigmoid, hard_swish, relu6, rrelu,
            hard_tanh, tanh_shrink, soft_shrink, hard_shrink, threshold, sparse_plus, sparse_sigmoid,
            squareplus, exponential, log1mexp, gumbel_softmax, softmax, log_softmax, softmin,
            sparsemax, glu, maxout.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (GetActivationCurveFormat | Unset): json samples, or a png/svg plot. Default:
            'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CurveResponse | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            start=start,
            stop=stop,
            num=num,
            format_=format_,
        )
    ).parsed
