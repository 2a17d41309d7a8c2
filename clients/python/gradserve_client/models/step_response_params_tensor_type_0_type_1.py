from typing import Literal

StepResponseParamsTensorType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

STEP_RESPONSE_PARAMS_TENSOR_TYPE_0_TYPE_1_VALUES: set[StepResponseParamsTensorType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_step_response_params_tensor_type_0_type_1(value: str) -> StepResponseParamsTensorType0Type1:
    if value in STEP_RESPONSE_PARAMS_TENSOR_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_RESPONSE_PARAMS_TENSOR_TYPE_0_TYPE_1_VALUES!r}")
