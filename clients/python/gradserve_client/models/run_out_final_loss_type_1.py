from typing import Literal

RunOutFinalLossType1 = Literal["-Infinity", "Infinity", "NaN"]

RUN_OUT_FINAL_LOSS_TYPE_1_VALUES: set[RunOutFinalLossType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_run_out_final_loss_type_1(value: str) -> RunOutFinalLossType1:
    if value in RUN_OUT_FINAL_LOSS_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RUN_OUT_FINAL_LOSS_TYPE_1_VALUES!r}")
