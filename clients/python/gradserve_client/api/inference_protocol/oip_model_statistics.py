from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.oip_error import OipError
from ...models.oip_statistics import OipStatistics
from ...types import Response


def _get_kwargs(
    model: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/models/{model}/stats".format(
            model=quote(str(model), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OipError | OipStatistics | None:
    if response.status_code == 200:
        response_200 = OipStatistics.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = OipError.from_dict(response.json())

        return response_404

    if 400 <= response.status_code <= 499:
        response_4xx = OipError.from_dict(response.json())

        return response_4xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OipError | OipStatistics]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OipError | OipStatistics]:
    """Inference statistics of one model

     As GET /v2/models/stats, for one model (any name or alias: its canonical name's
    counts).

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipError | OipStatistics]
    """

    kwargs = _get_kwargs(
        model=model,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> OipError | OipStatistics | None:
    """Inference statistics of one model

     As GET /v2/models/stats, for one model (any name or alias: its canonical name's
    counts).

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipError | OipStatistics
    """

    return sync_detailed(
        model=model,
        client=client,
    ).parsed


async def asyncio_detailed(
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OipError | OipStatistics]:
    """Inference statistics of one model

     As GET /v2/models/stats, for one model (any name or alias: its canonical name's
    counts).

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipError | OipStatistics]
    """

    kwargs = _get_kwargs(
        model=model,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> OipError | OipStatistics | None:
    """Inference statistics of one model

     As GET /v2/models/stats, for one model (any name or alias: its canonical name's
    counts).

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipError | OipStatistics
    """

    return (
        await asyncio_detailed(
            model=model,
            client=client,
        )
    ).parsed
