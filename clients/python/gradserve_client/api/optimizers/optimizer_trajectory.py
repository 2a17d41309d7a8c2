from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.optimizer_trajectory_format import OptimizerTrajectoryFormat
from ...models.problem import Problem
from ...models.trajectory_request import TrajectoryRequest
from ...models.trajectory_response import TrajectoryResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TrajectoryRequest,
    format_: OptimizerTrajectoryFormat | Unset = "json",
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
        "url": "/v1/optimizers/trajectory",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TrajectoryResponse | None:
    if response.status_code == 200:
        response_200 = TrajectoryResponse.from_dict(response.json())

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
) -> Response[Problem | TrajectoryResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TrajectoryRequest,
    format_: OptimizerTrajectoryFormat | Unset = "json",
) -> Response[Problem | TrajectoryResponse]:
    """Optimizer paths on a test objective (JSON, PNG or SVG)

     Run each optimizer from `start` for `steps` updates on a built-in objective with known
    minima (rosenbrock, beale, himmelblau, saddle, quadratic with condition number `kappa`,
    rastrigin, booth) using the same update rules as the step endpoint. Per optimizer: the
    path, the loss and gradient norm (at the steps listed in `indices`: every `every`-th,
    at most `max_points` per run, default 1000, the last step always), the final point,
    the distance to the nearest minimum and `converged_at` — the first step from which every
    point stays within `tolerance` of a minimum (null if it ends outside, or for `saddle`,
    which has no minimum); these use every step. Diverging runs are reported
    (NaN/Infinity), not errors. `format=png|svg` draws the returned points over the
    objective's contours. Work (steps × the step costs of the runs: each optimizer's
    `step_cost` in GET /v1/optimizers, +2 with clipping; runs of one elementwise optimizer
    with a constant lr and no clipping step together as one array and count once) is
    bounded by GRADSERVE_MAX_TRAJECTORY_WORK (200,000 by default: 100,000 SGD steps, 50,000
    Adam steps).

    Args:
        format_ (OptimizerTrajectoryFormat | Unset): json results, or a png/svg plot of the paths
            over the contours. Default: 'json'.
        body (TrajectoryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrajectoryResponse]
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
    body: TrajectoryRequest,
    format_: OptimizerTrajectoryFormat | Unset = "json",
) -> Problem | TrajectoryResponse | None:
    """Optimizer paths on a test objective (JSON, PNG or SVG)

     Run each optimizer from `start` for `steps` updates on a built-in objective with known
    minima (rosenbrock, beale, himmelblau, saddle, quadratic with condition number `kappa`,
    rastrigin, booth) using the same update rules as the step endpoint. Per optimizer: the
    path, the loss and gradient norm (at the steps listed in `indices`: every `every`-th,
    at most `max_points` per run, default 1000, the last step always), the final point,
    the distance to the nearest minimum and `converged_at` — the first step from which every
    point stays within `tolerance` of a minimum (null if it ends outside, or for `saddle`,
    which has no minimum); these use every step. Diverging runs are reported
    (NaN/Infinity), not errors. `format=png|svg` draws the returned points over the
    objective's contours. Work (steps × the step costs of the runs: each optimizer's
    `step_cost` in GET /v1/optimizers, +2 with clipping; runs of one elementwise optimizer
    with a constant lr and no clipping step together as one array and count once) is
    bounded by GRADSERVE_MAX_TRAJECTORY_WORK (200,000 by default: 100,000 SGD steps, 50,000
    Adam steps).

    Args:
        format_ (OptimizerTrajectoryFormat | Unset): json results, or a png/svg plot of the paths
            over the contours. Default: 'json'.
        body (TrajectoryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrajectoryResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TrajectoryRequest,
    format_: OptimizerTrajectoryFormat | Unset = "json",
) -> Response[Problem | TrajectoryResponse]:
    """Optimizer paths on a test objective (JSON, PNG or SVG)

     Run each optimizer from `start` for `steps` updates on a built-in objective with known
    minima (rosenbrock, beale, himmelblau, saddle, quadratic with condition number `kappa`,
    rastrigin, booth) using the same update rules as the step endpoint. Per optimizer: the
    path, the loss and gradient norm (at the steps listed in `indices`: every `every`-th,
    at most `max_points` per run, default 1000, the last step always), the final point,
    the distance to the nearest minimum and `converged_at` — the first step from which every
    point stays within `tolerance` of a minimum (null if it ends outside, or for `saddle`,
    which has no minimum); these use every step. Diverging runs are reported
    (NaN/Infinity), not errors. `format=png|svg` draws the returned points over the
    objective's contours. Work (steps × the step costs of the runs: each optimizer's
    `step_cost` in GET /v1/optimizers, +2 with clipping; runs of one elementwise optimizer
    with a constant lr and no clipping step together as one array and count once) is
    bounded by GRADSERVE_MAX_TRAJECTORY_WORK (200,000 by default: 100,000 SGD steps, 50,000
    Adam steps).

    Args:
        format_ (OptimizerTrajectoryFormat | Unset): json results, or a png/svg plot of the paths
            over the contours. Default: 'json'.
        body (TrajectoryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrajectoryResponse]
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
    body: TrajectoryRequest,
    format_: OptimizerTrajectoryFormat | Unset = "json",
) -> Problem | TrajectoryResponse | None:
    """Optimizer paths on a test objective (JSON, PNG or SVG)

     Run each optimizer from `start` for `steps` updates on a built-in objective with known
    minima (rosenbrock, beale, himmelblau, saddle, quadratic with condition number `kappa`,
    rastrigin, booth) using the same update rules as the step endpoint. Per optimizer: the
    path, the loss and gradient norm (at the steps listed in `indices`: every `every`-th,
    at most `max_points` per run, default 1000, the last step always), the final point,
    the distance to the nearest minimum and `converged_at` — the first step from which every
    point stays within `tolerance` of a minimum (null if it ends outside, or for `saddle`,
    which has no minimum); these use every step. Diverging runs are reported
    (NaN/Infinity), not errors. `format=png|svg` draws the returned points over the
    objective's contours. Work (steps × the step costs of the runs: each optimizer's
    `step_cost` in GET /v1/optimizers, +2 with clipping; runs of one elementwise optimizer
    with a constant lr and no clipping step together as one array and count once) is
    bounded by GRADSERVE_MAX_TRAJECTORY_WORK (200,000 by default: 100,000 SGD steps, 50,000
    Adam steps).

    Args:
        format_ (OptimizerTrajectoryFormat | Unset): json results, or a png/svg plot of the paths
            over the contours. Default: 'json'.
        body (TrajectoryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrajectoryResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed
