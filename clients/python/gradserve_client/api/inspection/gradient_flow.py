from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.flow_request import FlowRequest
from ...models.flow_response import FlowResponse
from ...models.gradient_flow_format import GradientFlowFormat
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: FlowRequest,
    format_: GradientFlowFormat | Unset = "json",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/inspect/gradient-flow",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FlowResponse | Problem | None:
    if response.status_code == 200:
        response_200 = FlowResponse.from_dict(response.json())

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
) -> Response[FlowResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FlowRequest,
    format_: GradientFlowFormat | Unset = "json",
) -> Response[FlowResponse | Problem]:
    """Gradient flow through a deterministic random MLP (JSON, PNG or SVG)

     Build the MLP x → [Linear(width, width) → f] × depth (biases 0, weights from `init`,
    x and targets drawn from `seed`), run one forward and one backward pass through the
    registry's activation and loss, and report per layer (1 at the input) the mean and std of
    the pre-activations and activations, the saturated fraction (|f'(z)| <
    thresholds.saturation) and dead fraction (units saturated for the whole batch), the norms
    of dL/dW, dL/db, dL/dz and W, and the ratios to the last layer.

    Verdict: a layer whose weight-gradient norm is below thresholds.vanishing (1e-2) times the
    last layer's is vanishing, above thresholds.exploding (1e2) times exploding; NaN/Inf is
    nonfinite; `first_bad_layer` is the bad layer nearest the output. Work is bounded by
    GRADSERVE_MAX_FLOW_WORK (depth·width²·batch) and GRADSERVE_MAX_FLOW_DEPTH.

    Args:
        format_ (GradientFlowFormat | Unset): json report, or a png/svg chart of the per-layer
            gradient norms. Default: 'json'.
        body (FlowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlowResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FlowRequest,
    format_: GradientFlowFormat | Unset = "json",
) -> FlowResponse | Problem | None:
    """Gradient flow through a deterministic random MLP (JSON, PNG or SVG)

     Build the MLP x → [Linear(width, width) → f] × depth (biases 0, weights from `init`,
    x and targets drawn from `seed`), run one forward and one backward pass through the
    registry's activation and loss, and report per layer (1 at the input) the mean and std of
    the pre-activations and activations, the saturated fraction (|f'(z)| <
    thresholds.saturation) and dead fraction (units saturated for the whole batch), the norms
    of dL/dW, dL/db, dL/dz and W, and the ratios to the last layer.

    Verdict: a layer whose weight-gradient norm is below thresholds.vanishing (1e-2) times the
    last layer's is vanishing, above thresholds.exploding (1e2) times exploding; NaN/Inf is
    nonfinite; `first_bad_layer` is the bad layer nearest the output. Work is bounded by
    GRADSERVE_MAX_FLOW_WORK (depth·width²·batch) and GRADSERVE_MAX_FLOW_DEPTH.

    Args:
        format_ (GradientFlowFormat | Unset): json report, or a png/svg chart of the per-layer
            gradient norms. Default: 'json'.
        body (FlowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlowResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FlowRequest,
    format_: GradientFlowFormat | Unset = "json",
) -> Response[FlowResponse | Problem]:
    """Gradient flow through a deterministic random MLP (JSON, PNG or SVG)

     Build the MLP x → [Linear(width, width) → f] × depth (biases 0, weights from `init`,
    x and targets drawn from `seed`), run one forward and one backward pass through the
    registry's activation and loss, and report per layer (1 at the input) the mean and std of
    the pre-activations and activations, the saturated fraction (|f'(z)| <
    thresholds.saturation) and dead fraction (units saturated for the whole batch), the norms
    of dL/dW, dL/db, dL/dz and W, and the ratios to the last layer.

    Verdict: a layer whose weight-gradient norm is below thresholds.vanishing (1e-2) times the
    last layer's is vanishing, above thresholds.exploding (1e2) times exploding; NaN/Inf is
    nonfinite; `first_bad_layer` is the bad layer nearest the output. Work is bounded by
    GRADSERVE_MAX_FLOW_WORK (depth·width²·batch) and GRADSERVE_MAX_FLOW_DEPTH.

    Args:
        format_ (GradientFlowFormat | Unset): json report, or a png/svg chart of the per-layer
            gradient norms. Default: 'json'.
        body (FlowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlowResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FlowRequest,
    format_: GradientFlowFormat | Unset = "json",
) -> FlowResponse | Problem | None:
    """Gradient flow through a deterministic random MLP (JSON, PNG or SVG)

     Build the MLP x → [Linear(width, width) → f] × depth (biases 0, weights from `init`,
    x and targets drawn from `seed`), run one forward and one backward pass through the
    registry's activation and loss, and report per layer (1 at the input) the mean and std of
    the pre-activations and activations, the saturated fraction (|f'(z)| <
    thresholds.saturation) and dead fraction (units saturated for the whole batch), the norms
    of dL/dW, dL/db, dL/dz and W, and the ratios to the last layer.

    Verdict: a layer whose weight-gradient norm is below thresholds.vanishing (1e-2) times the
    last layer's is vanishing, above thresholds.exploding (1e2) times exploding; NaN/Inf is
    nonfinite; `first_bad_layer` is the bad layer nearest the output. Work is bounded by
    GRADSERVE_MAX_FLOW_WORK (depth·width²·batch) and GRADSERVE_MAX_FLOW_DEPTH.

    Args:
        format_ (GradientFlowFormat | Unset): json report, or a png/svg chart of the per-layer
            gradient norms. Default: 'json'.
        body (FlowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlowResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed
