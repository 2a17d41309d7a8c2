from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_activation_v1_activations_name_get_name import (
    GetActivationV1ActivationsNameGetName,
)
from ...models.http_validation_error import HTTPValidationError
from ...types import Response


def _get_kwargs(
    name: GetActivationV1ActivationsNameGetName,
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
) -> Any | HTTPValidationError | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.json())
        return response_200

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | HTTPValidationError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: GetActivationV1ActivationsNameGetName,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | HTTPValidationError | str]:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (GetActivationV1ActivationsNameGetName): Activation name or alias (PyTorch/Keras
            spelling); see GET /v1/activations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | str]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: GetActivationV1ActivationsNameGetName,
    *,
    client: AuthenticatedClient | Client,
) -> Any | HTTPValidationError | str | None:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (GetActivationV1ActivationsNameGetName): Activation name or alias (PyTorch/Keras
            spelling); see GET /v1/activations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | str
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: GetActivationV1ActivationsNameGetName,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | HTTPValidationError | str]:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (GetActivationV1ActivationsNameGetName): Activation name or alias (PyTorch/Keras
            spelling); see GET /v1/activations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | str]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: GetActivationV1ActivationsNameGetName,
    *,
    client: AuthenticatedClient | Client,
) -> Any | HTTPValidationError | str | None:
    """One activation's catalog entry

     The catalog entry of one activation (aliases accepted).

    Args:
        name (GetActivationV1ActivationsNameGetName): Activation name or alias (PyTorch/Keras
            spelling); see GET /v1/activations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | str
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
