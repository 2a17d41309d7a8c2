from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.optimizer_catalog import OptimizerCatalog
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/optimizers",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OptimizerCatalog | Problem | None:
    if response.status_code == 200:
        response_200 = OptimizerCatalog.from_dict(response.json())

        return response_200

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OptimizerCatalog | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[OptimizerCatalog | Problem]:
    """Catalog of optimizers

     Every optimizer with its hyperparameters (torch names, defaults, ranges, Keras/optax
    aliases), the update rule in LaTeX, its state slots, and how it differs from the Keras
    and optax optimizers of the same name; plus the schedules, clipping modes,
    regularization and the objectives of the trajectory endpoint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OptimizerCatalog | Problem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> OptimizerCatalog | Problem | None:
    """Catalog of optimizers

     Every optimizer with its hyperparameters (torch names, defaults, ranges, Keras/optax
    aliases), the update rule in LaTeX, its state slots, and how it differs from the Keras
    and optax optimizers of the same name; plus the schedules, clipping modes,
    regularization and the objectives of the trajectory endpoint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OptimizerCatalog | Problem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[OptimizerCatalog | Problem]:
    """Catalog of optimizers

     Every optimizer with its hyperparameters (torch names, defaults, ranges, Keras/optax
    aliases), the update rule in LaTeX, its state slots, and how it differs from the Keras
    and optax optimizers of the same name; plus the schedules, clipping modes,
    regularization and the objectives of the trajectory endpoint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OptimizerCatalog | Problem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> OptimizerCatalog | Problem | None:
    """Catalog of optimizers

     Every optimizer with its hyperparameters (torch names, defaults, ranges, Keras/optax
    aliases), the update rule in LaTeX, its state slots, and how it differs from the Keras
    and optax optimizers of the same name; plus the schedules, clipping modes,
    regularization and the objectives of the trajectory endpoint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OptimizerCatalog | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
