from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.optimizer_entry import OptimizerEntry
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/optimizers/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OptimizerEntry | Problem | None:
    if response.status_code == 200:
        response_200 = OptimizerEntry.from_dict(response.json())

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
) -> Response[OptimizerEntry | Problem]:
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
) -> Response[OptimizerEntry | Problem]:
    """One optimizer's catalog entry

     The catalog entry of one optimizer (aliases accepted).

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OptimizerEntry | Problem]
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
) -> OptimizerEntry | Problem | None:
    """One optimizer's catalog entry

     The catalog entry of one optimizer (aliases accepted).

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OptimizerEntry | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OptimizerEntry | Problem]:
    """One optimizer's catalog entry

     The catalog entry of one optimizer (aliases accepted).

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OptimizerEntry | Problem]
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
) -> OptimizerEntry | Problem | None:
    """One optimizer's catalog entry

     The catalog entry of one optimizer (aliases accepted).

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OptimizerEntry | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
