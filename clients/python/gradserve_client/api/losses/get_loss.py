from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.loss_entry import LossEntry
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/losses/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> LossEntry | Problem | None:
    if response.status_code == 200:
        response_200 = LossEntry.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[LossEntry | Problem]:
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
) -> Response[LossEntry | Problem]:
    """One loss's catalog entry

     The catalog entry of one loss (aliases accepted; `alias_defaults` lists the parameters
    an alias implies, e.g. BCEWithLogitsLoss means from_logits=true).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LossEntry | Problem]
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
) -> LossEntry | Problem | None:
    """One loss's catalog entry

     The catalog entry of one loss (aliases accepted; `alias_defaults` lists the parameters
    an alias implies, e.g. BCEWithLogitsLoss means from_logits=true).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LossEntry | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[LossEntry | Problem]:
    """One loss's catalog entry

     The catalog entry of one loss (aliases accepted; `alias_defaults` lists the parameters
    an alias implies, e.g. BCEWithLogitsLoss means from_logits=true).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LossEntry | Problem]
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
) -> LossEntry | Problem | None:
    """One loss's catalog entry

     The catalog entry of one loss (aliases accepted; `alias_defaults` lists the parameters
    an alias implies, e.g. BCEWithLogitsLoss means from_logits=true).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LossEntry | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
