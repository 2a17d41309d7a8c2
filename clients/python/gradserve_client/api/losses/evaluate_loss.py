from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.loss_request import LossRequest
from ...models.loss_response import LossResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    name: str,
    *,
    body: LossRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/losses/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> LossResponse | Problem | None:
    if response.status_code == 200:
        response_200 = LossResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[LossResponse | Problem]:
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
    body: LossRequest,
) -> Response[LossResponse | Problem]:
    """Evaluate a loss and its gradient

     The loss for `reduction`, its gradient with respect to `y_pred` (with respect to the
    logits when `from_logits`), the unweighted per-sample losses and warnings.

    Per-sample losses reduce the last axis (mean for elementwise losses, sum for the
    cross-entropies and KL), then Keras' reduction applies with `sample_weight`. Probabilities
    are clipped to [epsilon, 1 - epsilon] (epsilon 1e-7) and not renormalised: the gradient is
    -y/p, and 0 where the clip is active. Response tensors take the form of `y_pred` unless
    `encoding` is set; `loss` is a number for mean and sum. `outputs: ["hessian"]` adds
    d²loss/dy_pred² (shape y_pred.shape × 2) and a vector `v` the Hessian-vector product
    `hvp`, for the same reduction, weights and options.

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        body (LossRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LossResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: LossRequest,
) -> LossResponse | Problem | None:
    """Evaluate a loss and its gradient

     The loss for `reduction`, its gradient with respect to `y_pred` (with respect to the
    logits when `from_logits`), the unweighted per-sample losses and warnings.

    Per-sample losses reduce the last axis (mean for elementwise losses, sum for the
    cross-entropies and KL), then Keras' reduction applies with `sample_weight`. Probabilities
    are clipped to [epsilon, 1 - epsilon] (epsilon 1e-7) and not renormalised: the gradient is
    -y/p, and 0 where the clip is active. Response tensors take the form of `y_pred` unless
    `encoding` is set; `loss` is a number for mean and sum. `outputs: ["hessian"]` adds
    d²loss/dy_pred² (shape y_pred.shape × 2) and a vector `v` the Hessian-vector product
    `hvp`, for the same reduction, weights and options.

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        body (LossRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LossResponse | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: LossRequest,
) -> Response[LossResponse | Problem]:
    """Evaluate a loss and its gradient

     The loss for `reduction`, its gradient with respect to `y_pred` (with respect to the
    logits when `from_logits`), the unweighted per-sample losses and warnings.

    Per-sample losses reduce the last axis (mean for elementwise losses, sum for the
    cross-entropies and KL), then Keras' reduction applies with `sample_weight`. Probabilities
    are clipped to [epsilon, 1 - epsilon] (epsilon 1e-7) and not renormalised: the gradient is
    -y/p, and 0 where the clip is active. Response tensors take the form of `y_pred` unless
    `encoding` is set; `loss` is a number for mean and sum. `outputs: ["hessian"]` adds
    d²loss/dy_pred² (shape y_pred.shape × 2) and a vector `v` the Hessian-vector product
    `hvp`, for the same reduction, weights and options.

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        body (LossRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LossResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: LossRequest,
) -> LossResponse | Problem | None:
    """Evaluate a loss and its gradient

     The loss for `reduction`, its gradient with respect to `y_pred` (with respect to the
    logits when `from_logits`), the unweighted per-sample losses and warnings.

    Per-sample losses reduce the last axis (mean for elementwise losses, sum for the
    cross-entropies and KL), then Keras' reduction applies with `sample_weight`. Probabilities
    are clipped to [epsilon, 1 - epsilon] (epsilon 1e-7) and not renormalised: the gradient is
    -y/p, and 0 where the clip is active. Response tensors take the form of `y_pred` unless
    `encoding` is set; `loss` is a number for mean and sum. `outputs: ["hessian"]` adds
    d²loss/dy_pred² (shape y_pred.shape × 2) and a vector `v` the Hessian-vector product
    `hvp`, for the same reduction, weights and options.

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        body (LossRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LossResponse | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
