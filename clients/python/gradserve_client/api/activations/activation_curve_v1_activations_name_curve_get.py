from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.activation_curve_v1_activations_name_curve_get_format import (
    ActivationCurveV1ActivationsNameCurveGetFormat,
)
from ...models.activation_curve_v1_activations_name_curve_get_name import (
    ActivationCurveV1ActivationsNameCurveGetName,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: ActivationCurveV1ActivationsNameCurveGetName,
    *,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: ActivationCurveV1ActivationsNameCurveGetFormat | Unset = "json",
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


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.json())
        return response_200

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 422:
        response_422 = cast(Any, None)
        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: ActivationCurveV1ActivationsNameCurveGetName,
    *,
    client: AuthenticatedClient | Client,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: ActivationCurveV1ActivationsNameCurveGetFormat | Unset = "json",
) -> Response[Any | str]:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (ActivationCurveV1ActivationsNameCurveGetName): Activation name or alias
            (PyTorch/Keras spelling); see GET /v1/activations.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (ActivationCurveV1ActivationsNameCurveGetFormat | Unset): json samples, or a
            png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
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
    name: ActivationCurveV1ActivationsNameCurveGetName,
    *,
    client: AuthenticatedClient | Client,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: ActivationCurveV1ActivationsNameCurveGetFormat | Unset = "json",
) -> Any | str | None:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (ActivationCurveV1ActivationsNameCurveGetName): Activation name or alias
            (PyTorch/Keras spelling); see GET /v1/activations.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (ActivationCurveV1ActivationsNameCurveGetFormat | Unset): json samples, or a
            png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
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
    name: ActivationCurveV1ActivationsNameCurveGetName,
    *,
    client: AuthenticatedClient | Client,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: ActivationCurveV1ActivationsNameCurveGetFormat | Unset = "json",
) -> Response[Any | str]:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (ActivationCurveV1ActivationsNameCurveGetName): Activation name or alias
            (PyTorch/Keras spelling); see GET /v1/activations.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (ActivationCurveV1ActivationsNameCurveGetFormat | Unset): json samples, or a
            png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
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
    name: ActivationCurveV1ActivationsNameCurveGetName,
    *,
    client: AuthenticatedClient | Client,
    start: float | Unset = -10.0,
    stop: float | Unset = 10.0,
    num: int | Unset = 100,
    format_: ActivationCurveV1ActivationsNameCurveGetFormat | Unset = "json",
) -> Any | str | None:
    """Sample f and f' for plotting (JSON, PNG or SVG)

     Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu.

    Args:
        name (ActivationCurveV1ActivationsNameCurveGetName): Activation name or alias
            (PyTorch/Keras spelling); see GET /v1/activations.
        start (float | Unset): First x. Default: -10.0.
        stop (float | Unset): Last x. Default: 10.0.
        num (int | Unset): Number of samples (linspace). Default: 100.
        format_ (ActivationCurveV1ActivationsNameCurveGetFormat | Unset): json samples, or a
            png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
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
