from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.stats_request import StatsRequest
from ...models.stats_response import StatsResponse
from ...types import Response


def _get_kwargs(
    *,
    body: StatsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/inspect/stats",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatsResponse | None:
    if response.status_code == 200:
        response_200 = StatsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[Problem | StatsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StatsRequest,
) -> Response[Problem | StatsResponse]:
    """Statistics and a verdict for named gradient tensors

     Per tensor: shape, count, L1/L2/Linf norms and RMS, mean, std (ddof 0), min and max of
    the finite values, the fraction of exact zeros, NaN and ±Inf counts, a histogram of
    log10|g| on fixed one-decade bins (1e-30 … 1e10, exact, plus underflow/overflow/zeros) and
    a verdict: nonfinite (any NaN/Inf), exploding (norm > thresholds.exploding, default 1e3),
    vanishing (norm < thresholds.vanishing, default 1e-7; all zeros too) or ok. Also the
    global L2 norm over all tensors and the overall verdict (the most severe one, or exploding
    when the global norm is above the threshold). Send large tensors as b64.

    Args:
        body (StatsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: StatsRequest,
) -> Problem | StatsResponse | None:
    """Statistics and a verdict for named gradient tensors

     Per tensor: shape, count, L1/L2/Linf norms and RMS, mean, std (ddof 0), min and max of
    the finite values, the fraction of exact zeros, NaN and ±Inf counts, a histogram of
    log10|g| on fixed one-decade bins (1e-30 … 1e10, exact, plus underflow/overflow/zeros) and
    a verdict: nonfinite (any NaN/Inf), exploding (norm > thresholds.exploding, default 1e3),
    vanishing (norm < thresholds.vanishing, default 1e-7; all zeros too) or ok. Also the
    global L2 norm over all tensors and the overall verdict (the most severe one, or exploding
    when the global norm is above the threshold). Send large tensors as b64.

    Args:
        body (StatsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StatsRequest,
) -> Response[Problem | StatsResponse]:
    """Statistics and a verdict for named gradient tensors

     Per tensor: shape, count, L1/L2/Linf norms and RMS, mean, std (ddof 0), min and max of
    the finite values, the fraction of exact zeros, NaN and ±Inf counts, a histogram of
    log10|g| on fixed one-decade bins (1e-30 … 1e10, exact, plus underflow/overflow/zeros) and
    a verdict: nonfinite (any NaN/Inf), exploding (norm > thresholds.exploding, default 1e3),
    vanishing (norm < thresholds.vanishing, default 1e-7; all zeros too) or ok. Also the
    global L2 norm over all tensors and the overall verdict (the most severe one, or exploding
    when the global norm is above the threshold). Send large tensors as b64.

    Args:
        body (StatsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: StatsRequest,
) -> Problem | StatsResponse | None:
    """Statistics and a verdict for named gradient tensors

     Per tensor: shape, count, L1/L2/Linf norms and RMS, mean, std (ddof 0), min and max of
    the finite values, the fraction of exact zeros, NaN and ±Inf counts, a histogram of
    log10|g| on fixed one-decade bins (1e-30 … 1e10, exact, plus underflow/overflow/zeros) and
    a verdict: nonfinite (any NaN/Inf), exploding (norm > thresholds.exploding, default 1e3),
    vanishing (norm < thresholds.vanishing, default 1e-7; all zeros too) or ok. Also the
    global L2 norm over all tensors and the overall verdict (the most severe one, or exploding
    when the global norm is above the threshold). Send large tensors as b64.

    Args:
        body (StatsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
