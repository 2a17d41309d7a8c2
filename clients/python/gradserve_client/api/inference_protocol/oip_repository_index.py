from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.oip_error import OipError
from ...models.oip_repository_index_request import OipRepositoryIndexRequest
from ...models.oip_repository_model import OipRepositoryModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: None | OipRepositoryIndexRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/repository/index",
    }

    if isinstance(body, OipRepositoryIndexRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OipError | list[OipRepositoryModel] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for componentsschemas_oip_repository_index_item_data in _response_200:
            componentsschemas_oip_repository_index_item = OipRepositoryModel.from_dict(
                componentsschemas_oip_repository_index_item_data
            )

            response_200.append(componentsschemas_oip_repository_index_item)

        return response_200

    if response.status_code == 400:
        response_400 = OipError.from_dict(response.json())

        return response_400

    if response.status_code == 503:
        response_503 = OipError.from_dict(response.json())

        return response_503

    if 400 <= response.status_code <= 499:
        response_4xx = OipError.from_dict(response.json())

        return response_4xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OipError | list[OipRepositoryModel]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: None | OipRepositoryIndexRequest | Unset = UNSET,
) -> Response[OipError | list[OipRepositoryModel]]:
    """Model repository index

     Every model by its canonical name (Triton's model repository index, as
    tritonclient's `get_model_repository_index()` asks it; an empty body is fine): the
    activations, losses and optimizers in catalog order, then `networks.gradients`, each
    `READY` at version 1 (any version answers). Aliases are not listed; they resolve to
    these. Loading and unloading are not served: every model is built in.

    Args:
        body (None | OipRepositoryIndexRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipError | list[OipRepositoryModel]]
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
    body: None | OipRepositoryIndexRequest | Unset = UNSET,
) -> OipError | list[OipRepositoryModel] | None:
    """Model repository index

     Every model by its canonical name (Triton's model repository index, as
    tritonclient's `get_model_repository_index()` asks it; an empty body is fine): the
    activations, losses and optimizers in catalog order, then `networks.gradients`, each
    `READY` at version 1 (any version answers). Aliases are not listed; they resolve to
    these. Loading and unloading are not served: every model is built in.

    Args:
        body (None | OipRepositoryIndexRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipError | list[OipRepositoryModel]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: None | OipRepositoryIndexRequest | Unset = UNSET,
) -> Response[OipError | list[OipRepositoryModel]]:
    """Model repository index

     Every model by its canonical name (Triton's model repository index, as
    tritonclient's `get_model_repository_index()` asks it; an empty body is fine): the
    activations, losses and optimizers in catalog order, then `networks.gradients`, each
    `READY` at version 1 (any version answers). Aliases are not listed; they resolve to
    these. Loading and unloading are not served: every model is built in.

    Args:
        body (None | OipRepositoryIndexRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipError | list[OipRepositoryModel]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: None | OipRepositoryIndexRequest | Unset = UNSET,
) -> OipError | list[OipRepositoryModel] | None:
    """Model repository index

     Every model by its canonical name (Triton's model repository index, as
    tritonclient's `get_model_repository_index()` asks it; an empty body is fine): the
    activations, losses and optimizers in catalog order, then `networks.gradients`, each
    `READY` at version 1 (any version answers). Aliases are not listed; they resolve to
    these. Loading and unloading are not served: every model is built in.

    Args:
        body (None | OipRepositoryIndexRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipError | list[OipRepositoryModel]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
