from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_request import BatchRequest
from ...models.batch_response import BatchResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: BatchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchResponse | Problem | None:
    if response.status_code == 200:
        response_200 = BatchResponse.from_dict(response.json())

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
) -> Response[BatchResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BatchRequest,
) -> Response[BatchResponse | Problem]:
    """Many calls in one request

     Run each `{"path", "body"}` of `requests` as the POST of `body` to `path` (any /v1
    POST path; query parameters take their defaults) and answer `{"status", "body"}` for
    each, in order: the status and body that call would have had alone, a problem for an
    error. One call's error never fails the others; the batch is 200 unless its envelope is
    malformed. At most `GRADSERVE_MAX_BATCH` calls; the element limit applies to all of them
    together and each work limit is shared evenly among them.

    Args:
        body (BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | Problem]
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
    body: BatchRequest,
) -> BatchResponse | Problem | None:
    """Many calls in one request

     Run each `{"path", "body"}` of `requests` as the POST of `body` to `path` (any /v1
    POST path; query parameters take their defaults) and answer `{"status", "body"}` for
    each, in order: the status and body that call would have had alone, a problem for an
    error. One call's error never fails the others; the batch is 200 unless its envelope is
    malformed. At most `GRADSERVE_MAX_BATCH` calls; the element limit applies to all of them
    together and each work limit is shared evenly among them.

    Args:
        body (BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BatchRequest,
) -> Response[BatchResponse | Problem]:
    """Many calls in one request

     Run each `{"path", "body"}` of `requests` as the POST of `body` to `path` (any /v1
    POST path; query parameters take their defaults) and answer `{"status", "body"}` for
    each, in order: the status and body that call would have had alone, a problem for an
    error. One call's error never fails the others; the batch is 200 unless its envelope is
    malformed. At most `GRADSERVE_MAX_BATCH` calls; the element limit applies to all of them
    together and each work limit is shared evenly among them.

    Args:
        body (BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BatchRequest,
) -> BatchResponse | Problem | None:
    """Many calls in one request

     Run each `{"path", "body"}` of `requests` as the POST of `body` to `path` (any /v1
    POST path; query parameters take their defaults) and answer `{"status", "body"}` for
    each, in order: the status and body that call would have had alone, a problem for an
    error. One call's error never fails the others; the batch is 200 unless its envelope is
    malformed. At most `GRADSERVE_MAX_BATCH` calls; the element limit applies to all of them
    together and each work limit is shared evenly among them.

    Args:
        body (BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
