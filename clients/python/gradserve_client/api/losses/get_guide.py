from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_guide_task import GetGuideTask
from ...models.guide_response import GuideResponse
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    task: GetGuideTask,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_task: str = task
    params["task"] = json_task

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/guide",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GuideResponse | Problem | None:
    if response.status_code == 200:
        response_200 = GuideResponse.from_dict(response.json())

        return response_200

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
) -> Response[GuideResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    task: GetGuideTask,
) -> Response[GuideResponse | Problem]:
    """Which output activation and loss for a task

     The recommended output activation, loss (with parameters worth setting), label
    encoding and output width for the task, with the reason, plus sound alternatives:
    regression -> linear + mse; binary -> sigmoid + binary_crossentropy on one unit (or
    softmax + categorical_crossentropy on two); multiclass -> softmax +
    categorical_crossentropy with one-hot labels, or sparse_categorical_crossentropy with
    integer labels, one unit per class; multilabel -> sigmoid + binary_crossentropy per
    class.

    Args:
        task (GetGuideTask): The task: regression, binary, multiclass or multilabel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GuideResponse | Problem]
    """

    kwargs = _get_kwargs(
        task=task,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    task: GetGuideTask,
) -> GuideResponse | Problem | None:
    """Which output activation and loss for a task

     The recommended output activation, loss (with parameters worth setting), label
    encoding and output width for the task, with the reason, plus sound alternatives:
    regression -> linear + mse; binary -> sigmoid + binary_crossentropy on one unit (or
    softmax + categorical_crossentropy on two); multiclass -> softmax +
    categorical_crossentropy with one-hot labels, or sparse_categorical_crossentropy with
    integer labels, one unit per class; multilabel -> sigmoid + binary_crossentropy per
    class.

    Args:
        task (GetGuideTask): The task: regression, binary, multiclass or multilabel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GuideResponse | Problem
    """

    return sync_detailed(
        client=client,
        task=task,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    task: GetGuideTask,
) -> Response[GuideResponse | Problem]:
    """Which output activation and loss for a task

     The recommended output activation, loss (with parameters worth setting), label
    encoding and output width for the task, with the reason, plus sound alternatives:
    regression -> linear + mse; binary -> sigmoid + binary_crossentropy on one unit (or
    softmax + categorical_crossentropy on two); multiclass -> softmax +
    categorical_crossentropy with one-hot labels, or sparse_categorical_crossentropy with
    integer labels, one unit per class; multilabel -> sigmoid + binary_crossentropy per
    class.

    Args:
        task (GetGuideTask): The task: regression, binary, multiclass or multilabel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GuideResponse | Problem]
    """

    kwargs = _get_kwargs(
        task=task,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    task: GetGuideTask,
) -> GuideResponse | Problem | None:
    """Which output activation and loss for a task

     The recommended output activation, loss (with parameters worth setting), label
    encoding and output width for the task, with the reason, plus sound alternatives:
    regression -> linear + mse; binary -> sigmoid + binary_crossentropy on one unit (or
    softmax + categorical_crossentropy on two); multiclass -> softmax +
    categorical_crossentropy with one-hot labels, or sparse_categorical_crossentropy with
    integer labels, one unit per class; multilabel -> sigmoid + binary_crossentropy per
    class.

    Args:
        task (GetGuideTask): The task: regression, binary, multiclass or multilabel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GuideResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            task=task,
        )
    ).parsed
