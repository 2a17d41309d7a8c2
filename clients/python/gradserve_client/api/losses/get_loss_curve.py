from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_loss_curve_format import GetLossCurveFormat
from ...models.loss_curve_response import LossCurveResponse
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    y_true: float | None | Unset = UNSET,
    start: float | None | Unset = UNSET,
    stop: float | None | Unset = UNSET,
    num: int | Unset = 200,
    format_: GetLossCurveFormat | Unset = "json",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_y_true: float | None | Unset
    if isinstance(y_true, Unset):
        json_y_true = UNSET
    else:
        json_y_true = y_true
    params["y_true"] = json_y_true

    json_start: float | None | Unset
    if isinstance(start, Unset):
        json_start = UNSET
    else:
        json_start = start
    params["start"] = json_start

    json_stop: float | None | Unset
    if isinstance(stop, Unset):
        json_stop = UNSET
    else:
        json_stop = stop
    params["stop"] = json_stop

    params["num"] = num

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/losses/{name}/curve".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LossCurveResponse | Problem | None:
    if response.status_code == 200:
        response_200 = LossCurveResponse.from_dict(response.json())

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
) -> Response[LossCurveResponse | Problem]:
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
    y_true: float | None | Unset = UNSET,
    start: float | None | Unset = UNSET,
    stop: float | None | Unset = UNSET,
    num: int | Unset = 200,
    format_: GetLossCurveFormat | Unset = "json",
) -> Response[LossCurveResponse | Problem]:
    """Sample a loss and its gradient along a sweep of the prediction (JSON, PNG or SVG)

     The per-sample loss and dL/dx as the prediction x sweeps `linspace(start, stop, num)`
    for a fixed target: regression losses (`y_true` fixed, `y_pred = [x]`), binary ones (p,
    the logit with `from_logits`, or the score, for labels 0 and 1 or -1 and 1) and
    categorical ones on two classes (x the prediction for class 1: `[1 - x, x]` for
    probabilities, `[0, x]` for logits; true class 0 and 1). Computed by the same code as
    POST /v1/losses/{name}. Loss parameters go as extra query arguments, e.g. `?delta=0.5`
    for huber or `?from_logits=true` (class_weight as comma-separated numbers).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        y_true (float | None | Unset): The fixed target: a real value for regression losses
            (default 1); for classification losses one label (0 or 1, -1 or 1 for the margin losses;
            the true class for categorical ones) instead of both.
        start (float | None | Unset): First x (default by what x is: p 0.001, logits -6, y_true -
            3...).
        stop (float | None | Unset): Last x (default p 0.999, logits 6, y_true + 3...).
        num (int | Unset): Number of samples (linspace). Default: 200.
        format_ (GetLossCurveFormat | Unset): json samples, or a png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LossCurveResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        y_true=y_true,
        start=start,
        stop=stop,
        num=num,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    y_true: float | None | Unset = UNSET,
    start: float | None | Unset = UNSET,
    stop: float | None | Unset = UNSET,
    num: int | Unset = 200,
    format_: GetLossCurveFormat | Unset = "json",
) -> LossCurveResponse | Problem | None:
    """Sample a loss and its gradient along a sweep of the prediction (JSON, PNG or SVG)

     The per-sample loss and dL/dx as the prediction x sweeps `linspace(start, stop, num)`
    for a fixed target: regression losses (`y_true` fixed, `y_pred = [x]`), binary ones (p,
    the logit with `from_logits`, or the score, for labels 0 and 1 or -1 and 1) and
    categorical ones on two classes (x the prediction for class 1: `[1 - x, x]` for
    probabilities, `[0, x]` for logits; true class 0 and 1). Computed by the same code as
    POST /v1/losses/{name}. Loss parameters go as extra query arguments, e.g. `?delta=0.5`
    for huber or `?from_logits=true` (class_weight as comma-separated numbers).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        y_true (float | None | Unset): The fixed target: a real value for regression losses
            (default 1); for classification losses one label (0 or 1, -1 or 1 for the margin losses;
            the true class for categorical ones) instead of both.
        start (float | None | Unset): First x (default by what x is: p 0.001, logits -6, y_true -
            3...).
        stop (float | None | Unset): Last x (default p 0.999, logits 6, y_true + 3...).
        num (int | Unset): Number of samples (linspace). Default: 200.
        format_ (GetLossCurveFormat | Unset): json samples, or a png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LossCurveResponse | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
        y_true=y_true,
        start=start,
        stop=stop,
        num=num,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    y_true: float | None | Unset = UNSET,
    start: float | None | Unset = UNSET,
    stop: float | None | Unset = UNSET,
    num: int | Unset = 200,
    format_: GetLossCurveFormat | Unset = "json",
) -> Response[LossCurveResponse | Problem]:
    """Sample a loss and its gradient along a sweep of the prediction (JSON, PNG or SVG)

     The per-sample loss and dL/dx as the prediction x sweeps `linspace(start, stop, num)`
    for a fixed target: regression losses (`y_true` fixed, `y_pred = [x]`), binary ones (p,
    the logit with `from_logits`, or the score, for labels 0 and 1 or -1 and 1) and
    categorical ones on two classes (x the prediction for class 1: `[1 - x, x]` for
    probabilities, `[0, x]` for logits; true class 0 and 1). Computed by the same code as
    POST /v1/losses/{name}. Loss parameters go as extra query arguments, e.g. `?delta=0.5`
    for huber or `?from_logits=true` (class_weight as comma-separated numbers).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        y_true (float | None | Unset): The fixed target: a real value for regression losses
            (default 1); for classification losses one label (0 or 1, -1 or 1 for the margin losses;
            the true class for categorical ones) instead of both.
        start (float | None | Unset): First x (default by what x is: p 0.001, logits -6, y_true -
            3...).
        stop (float | None | Unset): Last x (default p 0.999, logits 6, y_true + 3...).
        num (int | Unset): Number of samples (linspace). Default: 200.
        format_ (GetLossCurveFormat | Unset): json samples, or a png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LossCurveResponse | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        y_true=y_true,
        start=start,
        stop=stop,
        num=num,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    y_true: float | None | Unset = UNSET,
    start: float | None | Unset = UNSET,
    stop: float | None | Unset = UNSET,
    num: int | Unset = 200,
    format_: GetLossCurveFormat | Unset = "json",
) -> LossCurveResponse | Problem | None:
    """Sample a loss and its gradient along a sweep of the prediction (JSON, PNG or SVG)

     The per-sample loss and dL/dx as the prediction x sweeps `linspace(start, stop, num)`
    for a fixed target: regression losses (`y_true` fixed, `y_pred = [x]`), binary ones (p,
    the logit with `from_logits`, or the score, for labels 0 and 1 or -1 and 1) and
    categorical ones on two classes (x the prediction for class 1: `[1 - x, x]` for
    probabilities, `[0, x]` for logits; true class 0 and 1). Computed by the same code as
    POST /v1/losses/{name}. Loss parameters go as extra query arguments, e.g. `?delta=0.5`
    for huber or `?from_logits=true` (class_weight as comma-separated numbers).

    Args:
        name (str): Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, BCEWithLogitsLoss);
            see GET /v1/losses. Canonical names: mse, mae, huber, smooth_l1, log_cosh, mape, msle,
            poisson, hinge, squared_hinge, categorical_hinge, cosine_similarity, soft_margin,
            binary_crossentropy, categorical_crossentropy, softmax_cross_entropy,
            sparse_categorical_crossentropy, nll, kl_divergence, binary_focal_crossentropy,
            categorical_focal_crossentropy, margin_ranking, hinge_embedding, cosine_embedding,
            multi_margin, multilabel_margin, multilabel_soft_margin, triplet_margin, gaussian_nll,
            poisson_nll, dice, tversky.
        y_true (float | None | Unset): The fixed target: a real value for regression losses
            (default 1); for classification losses one label (0 or 1, -1 or 1 for the margin losses;
            the true class for categorical ones) instead of both.
        start (float | None | Unset): First x (default by what x is: p 0.001, logits -6, y_true -
            3...).
        stop (float | None | Unset): Last x (default p 0.999, logits 6, y_true + 3...).
        num (int | Unset): Number of samples (linspace). Default: 200.
        format_ (GetLossCurveFormat | Unset): json samples, or a png/svg plot. Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LossCurveResponse | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            y_true=y_true,
            start=start,
            stop=stop,
            num=num,
            format_=format_,
        )
    ).parsed
