from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.verify_activation_request import VerifyActivationRequest
from ...models.verify_loss_request import VerifyLossRequest
from ...models.verify_network_request import VerifyNetworkRequest
from ...models.verify_optimizer_request import VerifyOptimizerRequest
from ...models.verify_response import VerifyResponse
from ...types import Response


def _get_kwargs(
    *,
    body: VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest | VerifyOptimizerRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/verify",
    }

    if isinstance(body, VerifyActivationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, VerifyLossRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, VerifyOptimizerRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VerifyResponse | None:
    if response.status_code == 200:
        response_200 = VerifyResponse.from_dict(response.json())

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
) -> Response[Problem | VerifyResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest | VerifyOptimizerRequest,
) -> Response[Problem | VerifyResponse]:
    """Verify your own implementation against the float64 reference

     Send the target, its inputs and your own outputs (the field names of the evaluate
    endpoints: `value`, `derivative`, `jacobian`, `vjp`, `param_grads` for an activation;
    `loss`, `grad`, `per_sample` for a loss; `result.params` and `result.state` for one
    optimizer step; `grads` per layer name and field, and `loss_value`, for a network of
    POST /v1/networks/gradients, whose outputs are named `grads.<layer>.<field>`). The
    reference is computed in float64 from the same inputs; each output is
    compared element by element in your dtype: an element passes within `tolerance.ulp`
    (default 4) units in the last place, or within `tolerance.atol` (default: that many ULPs of
    the output's largest reference magnitude).

    A failing output gets a `diagnosis` when its numbers match a known variant: sign_flipped,
    missing_mean_division, diagonal_jacobian_only, derivative_at_output, leaky_slope_0.01 /
    0.2 / 0.3, gelu_tanh_approximation, keras_convention, eps_inside_sqrt,
    no_bias_correction, coupled_weight_decay, float32_overflow, kink_convention; for networks
    transposed_weight_gradient, bias_not_summed, missing_mean_division (N× too large) and
    extra_mean_division (N× too small). The response
    holds no tensors (mismatches are listed as numbers).

    Args:
        body (VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest |
            VerifyOptimizerRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VerifyResponse]
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
    body: VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest | VerifyOptimizerRequest,
) -> Problem | VerifyResponse | None:
    """Verify your own implementation against the float64 reference

     Send the target, its inputs and your own outputs (the field names of the evaluate
    endpoints: `value`, `derivative`, `jacobian`, `vjp`, `param_grads` for an activation;
    `loss`, `grad`, `per_sample` for a loss; `result.params` and `result.state` for one
    optimizer step; `grads` per layer name and field, and `loss_value`, for a network of
    POST /v1/networks/gradients, whose outputs are named `grads.<layer>.<field>`). The
    reference is computed in float64 from the same inputs; each output is
    compared element by element in your dtype: an element passes within `tolerance.ulp`
    (default 4) units in the last place, or within `tolerance.atol` (default: that many ULPs of
    the output's largest reference magnitude).

    A failing output gets a `diagnosis` when its numbers match a known variant: sign_flipped,
    missing_mean_division, diagonal_jacobian_only, derivative_at_output, leaky_slope_0.01 /
    0.2 / 0.3, gelu_tanh_approximation, keras_convention, eps_inside_sqrt,
    no_bias_correction, coupled_weight_decay, float32_overflow, kink_convention; for networks
    transposed_weight_gradient, bias_not_summed, missing_mean_division (N× too large) and
    extra_mean_division (N× too small). The response
    holds no tensors (mismatches are listed as numbers).

    Args:
        body (VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest |
            VerifyOptimizerRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VerifyResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest | VerifyOptimizerRequest,
) -> Response[Problem | VerifyResponse]:
    """Verify your own implementation against the float64 reference

     Send the target, its inputs and your own outputs (the field names of the evaluate
    endpoints: `value`, `derivative`, `jacobian`, `vjp`, `param_grads` for an activation;
    `loss`, `grad`, `per_sample` for a loss; `result.params` and `result.state` for one
    optimizer step; `grads` per layer name and field, and `loss_value`, for a network of
    POST /v1/networks/gradients, whose outputs are named `grads.<layer>.<field>`). The
    reference is computed in float64 from the same inputs; each output is
    compared element by element in your dtype: an element passes within `tolerance.ulp`
    (default 4) units in the last place, or within `tolerance.atol` (default: that many ULPs of
    the output's largest reference magnitude).

    A failing output gets a `diagnosis` when its numbers match a known variant: sign_flipped,
    missing_mean_division, diagonal_jacobian_only, derivative_at_output, leaky_slope_0.01 /
    0.2 / 0.3, gelu_tanh_approximation, keras_convention, eps_inside_sqrt,
    no_bias_correction, coupled_weight_decay, float32_overflow, kink_convention; for networks
    transposed_weight_gradient, bias_not_summed, missing_mean_division (N× too large) and
    extra_mean_division (N× too small). The response
    holds no tensors (mismatches are listed as numbers).

    Args:
        body (VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest |
            VerifyOptimizerRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VerifyResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest | VerifyOptimizerRequest,
) -> Problem | VerifyResponse | None:
    """Verify your own implementation against the float64 reference

     Send the target, its inputs and your own outputs (the field names of the evaluate
    endpoints: `value`, `derivative`, `jacobian`, `vjp`, `param_grads` for an activation;
    `loss`, `grad`, `per_sample` for a loss; `result.params` and `result.state` for one
    optimizer step; `grads` per layer name and field, and `loss_value`, for a network of
    POST /v1/networks/gradients, whose outputs are named `grads.<layer>.<field>`). The
    reference is computed in float64 from the same inputs; each output is
    compared element by element in your dtype: an element passes within `tolerance.ulp`
    (default 4) units in the last place, or within `tolerance.atol` (default: that many ULPs of
    the output's largest reference magnitude).

    A failing output gets a `diagnosis` when its numbers match a known variant: sign_flipped,
    missing_mean_division, diagonal_jacobian_only, derivative_at_output, leaky_slope_0.01 /
    0.2 / 0.3, gelu_tanh_approximation, keras_convention, eps_inside_sqrt,
    no_bias_correction, coupled_weight_decay, float32_overflow, kink_convention; for networks
    transposed_weight_gradient, bias_not_summed, missing_mean_division (N× too large) and
    extra_mean_division (N× too small). The response
    holds no tensors (mismatches are listed as numbers).

    Args:
        body (VerifyActivationRequest | VerifyLossRequest | VerifyNetworkRequest |
            VerifyOptimizerRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VerifyResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
