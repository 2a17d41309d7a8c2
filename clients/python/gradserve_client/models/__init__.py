"""Contains all the data models used in inputs/outputs"""

from .activation_catalog import ActivationCatalog
from .activation_catalog_activations_item import ActivationCatalogActivationsItem
from .activation_curve_v1_activations_name_curve_get_format import ActivationCurveV1ActivationsNameCurveGetFormat
from .activation_curve_v1_activations_name_curve_get_name import ActivationCurveV1ActivationsNameCurveGetName
from .check_summary import CheckSummary
from .check_summary_max_abs_error_type_1 import CheckSummaryMaxAbsErrorType1
from .check_summary_max_rel_error_type_1 import CheckSummaryMaxRelErrorType1
from .curve_response import CurveResponse
from .curve_response_params import CurveResponseParams
from .evaluate_activation_v1_activations_name_post_name import EvaluateActivationV1ActivationsNamePostName
from .evaluate_loss_v1_losses_name_post_name import EvaluateLossV1LossesNamePostName
from .flow_layer import FlowLayer
from .flow_layer_bias_grad_norm_type_1 import FlowLayerBiasGradNormType1
from .flow_layer_pre_activation_grad_norm_type_1 import FlowLayerPreActivationGradNormType1
from .flow_layer_pre_activation_grad_ratio_type_0_type_1 import FlowLayerPreActivationGradRatioType0Type1
from .flow_layer_verdict import FlowLayerVerdict
from .flow_layer_weight_grad_norm_type_1 import FlowLayerWeightGradNormType1
from .flow_layer_weight_grad_ratio_type_0_type_1 import FlowLayerWeightGradRatioType0Type1
from .flow_layer_weight_norm_type_1 import FlowLayerWeightNormType1
from .flow_request import FlowRequest
from .flow_request_activation_params import FlowRequestActivationParams
from .flow_request_dtype_type_0 import FlowRequestDtypeType0
from .flow_request_init import FlowRequestInit
from .flow_request_init_params import FlowRequestInitParams
from .flow_request_input import FlowRequestInput
from .flow_request_loss import FlowRequestLoss
from .flow_response import FlowResponse
from .flow_response_activation import FlowResponseActivation
from .flow_response_config import FlowResponseConfig
from .flow_response_init import FlowResponseInit
from .flow_response_loss_type_1 import FlowResponseLossType1
from .flow_response_thresholds import FlowResponseThresholds
from .flow_response_verdict import FlowResponseVerdict
from .flow_thresholds import FlowThresholds
from .get_activation_v1_activations_name_get_name import GetActivationV1ActivationsNameGetName
from .get_loss_v1_losses_name_get_name import GetLossV1LossesNameGetName
from .get_optimizer_v1_optimizers_name_get_name import GetOptimizerV1OptimizersNameGetName
from .gradient_flow_endpoint_v1_inspect_gradient_flow_post_format import (
    GradientFlowEndpointV1InspectGradientFlowPostFormat,
)
from .guide_recommendation import GuideRecommendation
from .guide_recommendation_loss_params import GuideRecommendationLossParams
from .guide_response import GuideResponse
from .health import Health
from .histogram import Histogram
from .http_validation_error import HTTPValidationError
from .loss_catalog import LossCatalog
from .loss_catalog_losses_item import LossCatalogLossesItem
from .mean_std import MeanStd
from .mean_std_mean_type_1 import MeanStdMeanType1
from .mean_std_std_type_1 import MeanStdStdType1
from .mismatch import Mismatch
from .mismatch_client_type_1 import MismatchClientType1
from .mismatch_reference_type_1 import MismatchReferenceType1
from .mismatch_ulp_type_1 import MismatchUlpType1
from .objective_spec import ObjectiveSpec
from .objective_spec_params import ObjectiveSpecParams
from .optimizer_catalog import OptimizerCatalog
from .optimizer_catalog_clipping import OptimizerCatalogClipping
from .optimizer_catalog_objectives_item import OptimizerCatalogObjectivesItem
from .optimizer_catalog_optimizers_item import OptimizerCatalogOptimizersItem
from .optimizer_catalog_regularization import OptimizerCatalogRegularization
from .optimizer_catalog_schedules_item import OptimizerCatalogSchedulesItem
from .optimizer_step_v1_optimizers_name_step_post_name import OptimizerStepV1OptimizersNameStepPostName
from .optimizer_trajectory_v1_optimizers_trajectory_post_format import (
    OptimizerTrajectoryV1OptimizersTrajectoryPostFormat,
)
from .output_check import OutputCheck
from .output_check_atol_type_1 import OutputCheckAtolType1
from .output_check_max_abs_error_type_1 import OutputCheckMaxAbsErrorType1
from .output_check_max_rel_error_type_1 import OutputCheckMaxRelErrorType1
from .output_check_max_ulp_type_1 import OutputCheckMaxUlpType1
from .problem import Problem
from .problem_error import ProblemError
from .run_out import RunOut
from .run_out_distance_to_minimum_type_0_type_1 import RunOutDistanceToMinimumType0Type1
from .run_out_final_loss_type_1 import RunOutFinalLossType1
from .run_out_hyperparams import RunOutHyperparams
from .state_out import StateOut
from .state_out_slots import StateOutSlots
from .state_out_slots_additional_property_tensor_type_0_type_1 import StateOutSlotsAdditionalPropertyTensorType0Type1
from .state_out_slots_additional_property_type_1 import StateOutSlotsAdditionalPropertyType1
from .state_out_slots_b64_tensor import StateOutSlotsB64Tensor
from .state_out_slots_b64_tensor_dtype import StateOutSlotsB64TensorDtype
from .state_out_slots_flat_tensor import StateOutSlotsFlatTensor
from .state_out_slots_flat_tensor_data_item_type_1 import StateOutSlotsFlatTensorDataItemType1
from .state_out_slots_flat_tensor_dtype import StateOutSlotsFlatTensorDtype
from .stats_request import StatsRequest
from .stats_request_tensors import StatsRequestTensors
from .stats_request_tensors_additional_property_type_0_type_1 import StatsRequestTensorsAdditionalPropertyType0Type1
from .stats_request_tensors_b64_tensor import StatsRequestTensorsB64Tensor
from .stats_request_tensors_b64_tensor_dtype import StatsRequestTensorsB64TensorDtype
from .stats_request_tensors_flat_tensor import StatsRequestTensorsFlatTensor
from .stats_request_tensors_flat_tensor_data_item_type_1 import StatsRequestTensorsFlatTensorDataItemType1
from .stats_request_tensors_flat_tensor_dtype import StatsRequestTensorsFlatTensorDtype
from .stats_response import StatsResponse
from .stats_response_global_linf_type_1 import StatsResponseGlobalLinfType1
from .stats_response_global_norm_type_1 import StatsResponseGlobalNormType1
from .stats_response_global_rms_type_1 import StatsResponseGlobalRmsType1
from .stats_response_tensors import StatsResponseTensors
from .stats_response_thresholds import StatsResponseThresholds
from .stats_response_verdict import StatsResponseVerdict
from .stats_thresholds import StatsThresholds
from .stats_thresholds_norm import StatsThresholdsNorm
from .step_response import StepResponse
from .step_response_b64_tensor import StepResponseB64Tensor
from .step_response_b64_tensor_dtype import StepResponseB64TensorDtype
from .step_response_flat_tensor import StepResponseFlatTensor
from .step_response_flat_tensor_data_item_type_1 import StepResponseFlatTensorDataItemType1
from .step_response_flat_tensor_dtype import StepResponseFlatTensorDtype
from .step_response_params_tensor_type_0_type_1 import StepResponseParamsTensorType0Type1
from .step_response_params_type_1 import StepResponseParamsType1
from .step_stats import StepStats
from .step_stats_clipped_grad_norm_type_1 import StepStatsClippedGradNormType1
from .step_stats_grad_norm_type_1 import StepStatsGradNormType1
from .step_stats_lr_type_1 import StepStatsLrType1
from .step_stats_penalty_type_0_type_1 import StepStatsPenaltyType0Type1
from .step_stats_update_norm_type_1 import StepStatsUpdateNormType1
from .target import Target
from .target_kind import TargetKind
from .target_params import TargetParams
from .task_guide_v1_guide_get_task import TaskGuideV1GuideGetTask
from .tensor_stats import TensorStats
from .tensor_stats_l1_type_1 import TensorStatsL1Type1
from .tensor_stats_l2_type_1 import TensorStatsL2Type1
from .tensor_stats_linf_type_1 import TensorStatsLinfType1
from .tensor_stats_max_type_0_type_1 import TensorStatsMaxType0Type1
from .tensor_stats_mean_type_0_type_1 import TensorStatsMeanType0Type1
from .tensor_stats_min_type_0_type_1 import TensorStatsMinType0Type1
from .tensor_stats_rms_type_1 import TensorStatsRmsType1
from .tensor_stats_std_type_0_type_1 import TensorStatsStdType0Type1
from .tensor_stats_verdict import TensorStatsVerdict
from .trajectory_request import TrajectoryRequest
from .trajectory_response import TrajectoryResponse
from .trajectory_response_objective import TrajectoryResponseObjective
from .trajectory_run import TrajectoryRun
from .trajectory_run_clip_type_0 import TrajectoryRunClipType0
from .trajectory_run_hyperparams import TrajectoryRunHyperparams
from .trajectory_run_schedule_type_0 import TrajectoryRunScheduleType0
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .verify_response import VerifyResponse
from .verify_response_dtype import VerifyResponseDtype
from .verify_response_outputs import VerifyResponseOutputs
from .verify_response_target import VerifyResponseTarget
from .verify_response_tolerance import VerifyResponseTolerance
from .verify_result import VerifyResult
from .verify_result_state_type_0 import VerifyResultStateType0
from .verify_target import VerifyTarget
from .verify_target_kind import VerifyTargetKind
from .verify_target_params import VerifyTargetParams
from .verify_tolerance import VerifyTolerance
from .worst import Worst
from .worst_abs_error_type_1 import WorstAbsErrorType1
from .worst_analytic_type_1 import WorstAnalyticType1
from .worst_numeric_type_1 import WorstNumericType1
from .worst_rel_error_type_1 import WorstRelErrorType1

__all__ = (
    "ActivationCatalog",
    "ActivationCatalogActivationsItem",
    "ActivationCurveV1ActivationsNameCurveGetFormat",
    "ActivationCurveV1ActivationsNameCurveGetName",
    "CheckSummary",
    "CheckSummaryMaxAbsErrorType1",
    "CheckSummaryMaxRelErrorType1",
    "CurveResponse",
    "CurveResponseParams",
    "EvaluateActivationV1ActivationsNamePostName",
    "EvaluateLossV1LossesNamePostName",
    "FlowLayer",
    "FlowLayerBiasGradNormType1",
    "FlowLayerPreActivationGradNormType1",
    "FlowLayerPreActivationGradRatioType0Type1",
    "FlowLayerVerdict",
    "FlowLayerWeightGradNormType1",
    "FlowLayerWeightGradRatioType0Type1",
    "FlowLayerWeightNormType1",
    "FlowRequest",
    "FlowRequestActivationParams",
    "FlowRequestDtypeType0",
    "FlowRequestInit",
    "FlowRequestInitParams",
    "FlowRequestInput",
    "FlowRequestLoss",
    "FlowResponse",
    "FlowResponseActivation",
    "FlowResponseConfig",
    "FlowResponseInit",
    "FlowResponseLossType1",
    "FlowResponseThresholds",
    "FlowResponseVerdict",
    "FlowThresholds",
    "GetActivationV1ActivationsNameGetName",
    "GetLossV1LossesNameGetName",
    "GetOptimizerV1OptimizersNameGetName",
    "GradientFlowEndpointV1InspectGradientFlowPostFormat",
    "GuideRecommendation",
    "GuideRecommendationLossParams",
    "GuideResponse",
    "Health",
    "Histogram",
    "HTTPValidationError",
    "LossCatalog",
    "LossCatalogLossesItem",
    "MeanStd",
    "MeanStdMeanType1",
    "MeanStdStdType1",
    "Mismatch",
    "MismatchClientType1",
    "MismatchReferenceType1",
    "MismatchUlpType1",
    "ObjectiveSpec",
    "ObjectiveSpecParams",
    "OptimizerCatalog",
    "OptimizerCatalogClipping",
    "OptimizerCatalogObjectivesItem",
    "OptimizerCatalogOptimizersItem",
    "OptimizerCatalogRegularization",
    "OptimizerCatalogSchedulesItem",
    "OptimizerStepV1OptimizersNameStepPostName",
    "OptimizerTrajectoryV1OptimizersTrajectoryPostFormat",
    "OutputCheck",
    "OutputCheckAtolType1",
    "OutputCheckMaxAbsErrorType1",
    "OutputCheckMaxRelErrorType1",
    "OutputCheckMaxUlpType1",
    "Problem",
    "ProblemError",
    "RunOut",
    "RunOutDistanceToMinimumType0Type1",
    "RunOutFinalLossType1",
    "RunOutHyperparams",
    "StateOut",
    "StateOutSlots",
    "StateOutSlotsAdditionalPropertyTensorType0Type1",
    "StateOutSlotsAdditionalPropertyType1",
    "StateOutSlotsB64Tensor",
    "StateOutSlotsB64TensorDtype",
    "StateOutSlotsFlatTensor",
    "StateOutSlotsFlatTensorDataItemType1",
    "StateOutSlotsFlatTensorDtype",
    "StatsRequest",
    "StatsRequestTensors",
    "StatsRequestTensorsAdditionalPropertyType0Type1",
    "StatsRequestTensorsB64Tensor",
    "StatsRequestTensorsB64TensorDtype",
    "StatsRequestTensorsFlatTensor",
    "StatsRequestTensorsFlatTensorDataItemType1",
    "StatsRequestTensorsFlatTensorDtype",
    "StatsResponse",
    "StatsResponseGlobalLinfType1",
    "StatsResponseGlobalNormType1",
    "StatsResponseGlobalRmsType1",
    "StatsResponseTensors",
    "StatsResponseThresholds",
    "StatsResponseVerdict",
    "StatsThresholds",
    "StatsThresholdsNorm",
    "StepResponse",
    "StepResponseB64Tensor",
    "StepResponseB64TensorDtype",
    "StepResponseFlatTensor",
    "StepResponseFlatTensorDataItemType1",
    "StepResponseFlatTensorDtype",
    "StepResponseParamsTensorType0Type1",
    "StepResponseParamsType1",
    "StepStats",
    "StepStatsClippedGradNormType1",
    "StepStatsGradNormType1",
    "StepStatsLrType1",
    "StepStatsPenaltyType0Type1",
    "StepStatsUpdateNormType1",
    "Target",
    "TargetKind",
    "TargetParams",
    "TaskGuideV1GuideGetTask",
    "TensorStats",
    "TensorStatsL1Type1",
    "TensorStatsL2Type1",
    "TensorStatsLinfType1",
    "TensorStatsMaxType0Type1",
    "TensorStatsMeanType0Type1",
    "TensorStatsMinType0Type1",
    "TensorStatsRmsType1",
    "TensorStatsStdType0Type1",
    "TensorStatsVerdict",
    "TrajectoryRequest",
    "TrajectoryResponse",
    "TrajectoryResponseObjective",
    "TrajectoryRun",
    "TrajectoryRunClipType0",
    "TrajectoryRunHyperparams",
    "TrajectoryRunScheduleType0",
    "ValidationError",
    "ValidationErrorContext",
    "VerifyResponse",
    "VerifyResponseDtype",
    "VerifyResponseOutputs",
    "VerifyResponseTarget",
    "VerifyResponseTolerance",
    "VerifyResult",
    "VerifyResultStateType0",
    "VerifyTarget",
    "VerifyTargetKind",
    "VerifyTargetParams",
    "VerifyTolerance",
    "Worst",
    "WorstAbsErrorType1",
    "WorstAnalyticType1",
    "WorstNumericType1",
    "WorstRelErrorType1",
)
