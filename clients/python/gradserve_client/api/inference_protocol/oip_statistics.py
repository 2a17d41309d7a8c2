from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.oip_statistics import OipStatistics
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/models/stats",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OipStatistics | None:
    if response.status_code == 200:
        response_200 = OipStatistics.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OipStatistics]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[OipStatistics]:
    """Inference statistics of every model

     Triton's statistics extension (tritonclient's `get_inference_statistics()` with no
    model): every model of the repository index, in its order, with its inference requests
    since the server started (all workers): how many succeeded and failed and their time,
    and the successful ones' time waiting for a compute thread (`queue`), decoding
    (`compute_input`), computing (`compute_infer`) and encoding (`compute_output`). Times
    are in nanoseconds, `last_inference` in ms since the epoch (0: none yet).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipStatistics]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> OipStatistics | None:
    """Inference statistics of every model

     Triton's statistics extension (tritonclient's `get_inference_statistics()` with no
    model): every model of the repository index, in its order, with its inference requests
    since the server started (all workers): how many succeeded and failed and their time,
    and the successful ones' time waiting for a compute thread (`queue`), decoding
    (`compute_input`), computing (`compute_infer`) and encoding (`compute_output`). Times
    are in nanoseconds, `last_inference` in ms since the epoch (0: none yet).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipStatistics
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[OipStatistics]:
    """Inference statistics of every model

     Triton's statistics extension (tritonclient's `get_inference_statistics()` with no
    model): every model of the repository index, in its order, with its inference requests
    since the server started (all workers): how many succeeded and failed and their time,
    and the successful ones' time waiting for a compute thread (`queue`), decoding
    (`compute_input`), computing (`compute_infer`) and encoding (`compute_output`). Times
    are in nanoseconds, `last_inference` in ms since the epoch (0: none yet).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipStatistics]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> OipStatistics | None:
    """Inference statistics of every model

     Triton's statistics extension (tritonclient's `get_inference_statistics()` with no
    model): every model of the repository index, in its order, with its inference requests
    since the server started (all workers): how many succeeded and failed and their time,
    and the successful ones' time waiting for a compute thread (`queue`), decoding
    (`compute_input`), computing (`compute_infer`) and encoding (`compute_output`). Times
    are in nanoseconds, `last_inference` in ms since the epoch (0: none yet).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipStatistics
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
