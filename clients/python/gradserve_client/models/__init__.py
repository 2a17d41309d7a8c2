"""Contains all the data models used in inputs/outputs"""

from .activation_catalog import ActivationCatalog
from .activation_entry import ActivationEntry
from .activation_entry_kind import ActivationEntryKind
from .activation_layer import ActivationLayer
from .activation_layer_params import ActivationLayerParams
from .activation_request import ActivationRequest
from .activation_request_dtype_type_0 import ActivationRequestDtypeType0
from .activation_request_encoding_type_0 import ActivationRequestEncodingType0
from .activation_request_outputs_type_0_item import ActivationRequestOutputsType0Item
from .activation_request_params import ActivationRequestParams
from .activation_response import ActivationResponse
from .activation_response_param_grads_type_0 import ActivationResponseParamGradsType0
from .activation_target import ActivationTarget
from .activation_target_params import ActivationTargetParams
from .b64_tensor import B64Tensor
from .batch_item import BatchItem
from .batch_item_response import BatchItemResponse
from .batch_norm_layer import BatchNormLayer
from .batch_request import BatchRequest
from .batch_response import BatchResponse
from .check_summary import CheckSummary
from .compression_info import CompressionInfo
from .curve_response import CurveResponse
from .curve_response_params import CurveResponseParams
from .dense_layer import DenseLayer
from .dropout_layer import DropoutLayer
from .flat_tensor import FlatTensor
from .flow_layer import FlowLayer
from .flow_layer_verdict import FlowLayerVerdict
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
from .flow_response_thresholds import FlowResponseThresholds
from .flow_response_verdict import FlowResponseVerdict
from .flow_thresholds import FlowThresholds
from .get_activation_curve_format import GetActivationCurveFormat
from .get_guide_task import GetGuideTask
from .get_loss_curve_format import GetLossCurveFormat
from .gradcheck_request import GradcheckRequest
from .gradcheck_request_convention import GradcheckRequestConvention
from .gradcheck_request_encoding_type_0 import GradcheckRequestEncodingType0
from .gradcheck_request_order import GradcheckRequestOrder
from .gradcheck_request_reduction import GradcheckRequestReduction
from .gradcheck_response import GradcheckResponse
from .gradcheck_response_checks import GradcheckResponseChecks
from .gradcheck_response_mode import GradcheckResponseMode
from .gradcheck_response_skipped import GradcheckResponseSkipped
from .gradient_flow_format import GradientFlowFormat
from .guide_recommendation import GuideRecommendation
from .guide_recommendation_loss_params import GuideRecommendationLossParams
from .guide_response import GuideResponse
from .health import Health
from .histogram import Histogram
from .info_response import InfoResponse
from .info_response_blas_type_0 import InfoResponseBlasType0
from .info_response_limits import InfoResponseLimits
from .layer_norm_layer import LayerNormLayer
from .limit import Limit
from .loss_catalog import LossCatalog
from .loss_curve_response import LossCurveResponse
from .loss_curve_response_kind import LossCurveResponseKind
from .loss_curve_response_params import LossCurveResponseParams
from .loss_curve_series import LossCurveSeries
from .loss_entry import LossEntry
from .loss_entry_alias_defaults import LossEntryAliasDefaults
from .loss_entry_alias_defaults_additional_property import LossEntryAliasDefaultsAdditionalProperty
from .loss_entry_conventions import LossEntryConventions
from .loss_request import LossRequest
from .loss_request_convention import LossRequestConvention
from .loss_request_dtype_type_0 import LossRequestDtypeType0
from .loss_request_encoding_type_0 import LossRequestEncodingType0
from .loss_request_outputs_type_0_item import LossRequestOutputsType0Item
from .loss_request_params import LossRequestParams
from .loss_request_reduction import LossRequestReduction
from .loss_response import LossResponse
from .loss_response_grads_type_0 import LossResponseGradsType0
from .loss_target import LossTarget
from .loss_target_params import LossTargetParams
from .mean_std import MeanStd
from .mismatch import Mismatch
from .network_layer_report import NetworkLayerReport
from .network_layer_report_grads import NetworkLayerReportGrads
from .network_layer_report_statistics import NetworkLayerReportStatistics
from .network_layer_report_type import NetworkLayerReportType
from .network_layer_report_verdict import NetworkLayerReportVerdict
from .network_loss import NetworkLoss
from .network_loss_convention import NetworkLossConvention
from .network_loss_params import NetworkLossParams
from .network_loss_reduction import NetworkLossReduction
from .network_optimizer import NetworkOptimizer
from .network_optimizer_clip_type_0 import NetworkOptimizerClipType0
from .network_optimizer_hyperparams import NetworkOptimizerHyperparams
from .network_optimizer_regularization_type_0 import NetworkOptimizerRegularizationType0
from .network_optimizer_schedule_type_0 import NetworkOptimizerScheduleType0
from .network_request import NetworkRequest
from .network_request_dtype_type_0 import NetworkRequestDtypeType0
from .network_request_encoding_type_0 import NetworkRequestEncodingType0
from .network_response import NetworkResponse
from .network_response_params_type_0 import NetworkResponseParamsType0
from .network_response_params_type_0_additional_property import NetworkResponseParamsType0AdditionalProperty
from .network_response_thresholds import NetworkResponseThresholds
from .network_response_verdict import NetworkResponseVerdict
from .network_target import NetworkTarget
from .network_thresholds import NetworkThresholds
from .non_finite_number import NonFiniteNumber
from .non_finite_rule import NonFiniteRule
from .objective_entry import ObjectiveEntry
from .objective_spec import ObjectiveSpec
from .objective_spec_params import ObjectiveSpecParams
from .oip_config_input import OipConfigInput
from .oip_config_output import OipConfigOutput
from .oip_error import OipError
from .oip_infer_request import OipInferRequest
from .oip_infer_request_parameters_type_0 import OipInferRequestParametersType0
from .oip_infer_response import OipInferResponse
from .oip_infer_response_parameters_type_0 import OipInferResponseParametersType0
from .oip_inference_stats import OipInferenceStats
from .oip_latest_versions import OipLatestVersions
from .oip_model_config import OipModelConfig
from .oip_model_metadata import OipModelMetadata
from .oip_model_ready import OipModelReady
from .oip_model_stat import OipModelStat
from .oip_parameter_metadata import OipParameterMetadata
from .oip_repository_index_request import OipRepositoryIndexRequest
from .oip_repository_model import OipRepositoryModel
from .oip_request_input import OipRequestInput
from .oip_request_input_data_item_type_1 import OipRequestInputDataItemType1
from .oip_request_input_datatype import OipRequestInputDatatype
from .oip_request_input_parameters_type_0 import OipRequestInputParametersType0
from .oip_request_output import OipRequestOutput
from .oip_request_output_parameters_type_0 import OipRequestOutputParametersType0
from .oip_response_output import OipResponseOutput
from .oip_response_output_data_item_type_1 import OipResponseOutputDataItemType1
from .oip_response_output_parameters_type_0 import OipResponseOutputParametersType0
from .oip_server_live import OipServerLive
from .oip_server_metadata import OipServerMetadata
from .oip_server_ready import OipServerReady
from .oip_stat_duration import OipStatDuration
from .oip_statistics import OipStatistics
from .oip_tensor_metadata import OipTensorMetadata
from .oip_version_policy import OipVersionPolicy
from .optimizer_catalog import OptimizerCatalog
from .optimizer_catalog_clipping import OptimizerCatalogClipping
from .optimizer_catalog_regularization import OptimizerCatalogRegularization
from .optimizer_convention import OptimizerConvention
from .optimizer_diagnosis import OptimizerDiagnosis
from .optimizer_entry import OptimizerEntry
from .optimizer_entry_conventions import OptimizerEntryConventions
from .optimizer_entry_differences import OptimizerEntryDifferences
from .optimizer_state import OptimizerState
from .optimizer_state_slots import OptimizerStateSlots
from .optimizer_target import OptimizerTarget
from .optimizer_target_params import OptimizerTargetParams
from .optimizer_trajectory_format import OptimizerTrajectoryFormat
from .output_check import OutputCheck
from .param_info import ParamInfo
from .problem import Problem
from .problem_error import ProblemError
from .run_out import RunOut
from .run_out_hyperparams import RunOutHyperparams
from .schedule_entry import ScheduleEntry
from .stats_request import StatsRequest
from .stats_request_tensors import StatsRequestTensors
from .stats_response import StatsResponse
from .stats_response_tensors import StatsResponseTensors
from .stats_response_thresholds import StatsResponseThresholds
from .stats_response_verdict import StatsResponseVerdict
from .stats_thresholds import StatsThresholds
from .stats_thresholds_norm import StatsThresholdsNorm
from .step_request import StepRequest
from .step_request_clip_type_0 import StepRequestClipType0
from .step_request_convention import StepRequestConvention
from .step_request_dtype_type_0 import StepRequestDtypeType0
from .step_request_encoding_type_0 import StepRequestEncodingType0
from .step_request_hyperparams import StepRequestHyperparams
from .step_request_regularization_type_0 import StepRequestRegularizationType0
from .step_request_schedule_type_0 import StepRequestScheduleType0
from .step_response import StepResponse
from .step_stats import StepStats
from .tensor_mapping import TensorMapping
from .tensor_stats import TensorStats
from .tensor_stats_verdict import TensorStatsVerdict
from .trajectory_request import TrajectoryRequest
from .trajectory_response import TrajectoryResponse
from .trajectory_response_objective import TrajectoryResponseObjective
from .trajectory_run import TrajectoryRun
from .trajectory_run_clip_type_0 import TrajectoryRunClipType0
from .trajectory_run_hyperparams import TrajectoryRunHyperparams
from .trajectory_run_schedule_type_0 import TrajectoryRunScheduleType0
from .verify_activation_request import VerifyActivationRequest
from .verify_activation_request_dtype_type_0 import VerifyActivationRequestDtypeType0
from .verify_activation_request_param_grads_type_0 import VerifyActivationRequestParamGradsType0
from .verify_activation_request_params_type_0 import VerifyActivationRequestParamsType0
from .verify_loss_request import VerifyLossRequest
from .verify_loss_request_convention import VerifyLossRequestConvention
from .verify_loss_request_dtype_type_0 import VerifyLossRequestDtypeType0
from .verify_loss_request_params_type_0 import VerifyLossRequestParamsType0
from .verify_loss_request_reduction import VerifyLossRequestReduction
from .verify_network_request import VerifyNetworkRequest
from .verify_network_request_dtype_type_0 import VerifyNetworkRequestDtypeType0
from .verify_network_request_grads import VerifyNetworkRequestGrads
from .verify_network_request_grads_additional_property import VerifyNetworkRequestGradsAdditionalProperty
from .verify_optimizer_request import VerifyOptimizerRequest
from .verify_optimizer_request_clip_type_0 import VerifyOptimizerRequestClipType0
from .verify_optimizer_request_dtype_type_0 import VerifyOptimizerRequestDtypeType0
from .verify_optimizer_request_hyperparams_type_0 import VerifyOptimizerRequestHyperparamsType0
from .verify_optimizer_request_regularization_type_0 import VerifyOptimizerRequestRegularizationType0
from .verify_response import VerifyResponse
from .verify_response_dtype import VerifyResponseDtype
from .verify_response_outputs import VerifyResponseOutputs
from .verify_response_target import VerifyResponseTarget
from .verify_response_tolerance import VerifyResponseTolerance
from .verify_result import VerifyResult
from .verify_tolerance import VerifyTolerance
from .wire_d_type import WireDType
from .worst import Worst

__all__ = (
    "ActivationCatalog",
    "ActivationEntry",
    "ActivationEntryKind",
    "ActivationLayer",
    "ActivationLayerParams",
    "ActivationRequest",
    "ActivationRequestDtypeType0",
    "ActivationRequestEncodingType0",
    "ActivationRequestOutputsType0Item",
    "ActivationRequestParams",
    "ActivationResponse",
    "ActivationResponseParamGradsType0",
    "ActivationTarget",
    "ActivationTargetParams",
    "B64Tensor",
    "BatchItem",
    "BatchItemResponse",
    "BatchNormLayer",
    "BatchRequest",
    "BatchResponse",
    "CheckSummary",
    "CompressionInfo",
    "CurveResponse",
    "CurveResponseParams",
    "DenseLayer",
    "DropoutLayer",
    "FlatTensor",
    "FlowLayer",
    "FlowLayerVerdict",
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
    "FlowResponseThresholds",
    "FlowResponseVerdict",
    "FlowThresholds",
    "GetActivationCurveFormat",
    "GetGuideTask",
    "GetLossCurveFormat",
    "GradcheckRequest",
    "GradcheckRequestConvention",
    "GradcheckRequestEncodingType0",
    "GradcheckRequestOrder",
    "GradcheckRequestReduction",
    "GradcheckResponse",
    "GradcheckResponseChecks",
    "GradcheckResponseMode",
    "GradcheckResponseSkipped",
    "GradientFlowFormat",
    "GuideRecommendation",
    "GuideRecommendationLossParams",
    "GuideResponse",
    "Health",
    "Histogram",
    "InfoResponse",
    "InfoResponseBlasType0",
    "InfoResponseLimits",
    "LayerNormLayer",
    "Limit",
    "LossCatalog",
    "LossCurveResponse",
    "LossCurveResponseKind",
    "LossCurveResponseParams",
    "LossCurveSeries",
    "LossEntry",
    "LossEntryAliasDefaults",
    "LossEntryAliasDefaultsAdditionalProperty",
    "LossEntryConventions",
    "LossRequest",
    "LossRequestConvention",
    "LossRequestDtypeType0",
    "LossRequestEncodingType0",
    "LossRequestOutputsType0Item",
    "LossRequestParams",
    "LossRequestReduction",
    "LossResponse",
    "LossResponseGradsType0",
    "LossTarget",
    "LossTargetParams",
    "MeanStd",
    "Mismatch",
    "NetworkLayerReport",
    "NetworkLayerReportGrads",
    "NetworkLayerReportStatistics",
    "NetworkLayerReportType",
    "NetworkLayerReportVerdict",
    "NetworkLoss",
    "NetworkLossConvention",
    "NetworkLossParams",
    "NetworkLossReduction",
    "NetworkOptimizer",
    "NetworkOptimizerClipType0",
    "NetworkOptimizerHyperparams",
    "NetworkOptimizerRegularizationType0",
    "NetworkOptimizerScheduleType0",
    "NetworkRequest",
    "NetworkRequestDtypeType0",
    "NetworkRequestEncodingType0",
    "NetworkResponse",
    "NetworkResponseParamsType0",
    "NetworkResponseParamsType0AdditionalProperty",
    "NetworkResponseThresholds",
    "NetworkResponseVerdict",
    "NetworkTarget",
    "NetworkThresholds",
    "NonFiniteNumber",
    "NonFiniteRule",
    "ObjectiveEntry",
    "ObjectiveSpec",
    "ObjectiveSpecParams",
    "OipConfigInput",
    "OipConfigOutput",
    "OipError",
    "OipInferenceStats",
    "OipInferRequest",
    "OipInferRequestParametersType0",
    "OipInferResponse",
    "OipInferResponseParametersType0",
    "OipLatestVersions",
    "OipModelConfig",
    "OipModelMetadata",
    "OipModelReady",
    "OipModelStat",
    "OipParameterMetadata",
    "OipRepositoryIndexRequest",
    "OipRepositoryModel",
    "OipRequestInput",
    "OipRequestInputDataItemType1",
    "OipRequestInputDatatype",
    "OipRequestInputParametersType0",
    "OipRequestOutput",
    "OipRequestOutputParametersType0",
    "OipResponseOutput",
    "OipResponseOutputDataItemType1",
    "OipResponseOutputParametersType0",
    "OipServerLive",
    "OipServerMetadata",
    "OipServerReady",
    "OipStatDuration",
    "OipStatistics",
    "OipTensorMetadata",
    "OipVersionPolicy",
    "OptimizerCatalog",
    "OptimizerCatalogClipping",
    "OptimizerCatalogRegularization",
    "OptimizerConvention",
    "OptimizerDiagnosis",
    "OptimizerEntry",
    "OptimizerEntryConventions",
    "OptimizerEntryDifferences",
    "OptimizerState",
    "OptimizerStateSlots",
    "OptimizerTarget",
    "OptimizerTargetParams",
    "OptimizerTrajectoryFormat",
    "OutputCheck",
    "ParamInfo",
    "Problem",
    "ProblemError",
    "RunOut",
    "RunOutHyperparams",
    "ScheduleEntry",
    "StatsRequest",
    "StatsRequestTensors",
    "StatsResponse",
    "StatsResponseTensors",
    "StatsResponseThresholds",
    "StatsResponseVerdict",
    "StatsThresholds",
    "StatsThresholdsNorm",
    "StepRequest",
    "StepRequestClipType0",
    "StepRequestConvention",
    "StepRequestDtypeType0",
    "StepRequestEncodingType0",
    "StepRequestHyperparams",
    "StepRequestRegularizationType0",
    "StepRequestScheduleType0",
    "StepResponse",
    "StepStats",
    "TensorMapping",
    "TensorStats",
    "TensorStatsVerdict",
    "TrajectoryRequest",
    "TrajectoryResponse",
    "TrajectoryResponseObjective",
    "TrajectoryRun",
    "TrajectoryRunClipType0",
    "TrajectoryRunHyperparams",
    "TrajectoryRunScheduleType0",
    "VerifyActivationRequest",
    "VerifyActivationRequestDtypeType0",
    "VerifyActivationRequestParamGradsType0",
    "VerifyActivationRequestParamsType0",
    "VerifyLossRequest",
    "VerifyLossRequestConvention",
    "VerifyLossRequestDtypeType0",
    "VerifyLossRequestParamsType0",
    "VerifyLossRequestReduction",
    "VerifyNetworkRequest",
    "VerifyNetworkRequestDtypeType0",
    "VerifyNetworkRequestGrads",
    "VerifyNetworkRequestGradsAdditionalProperty",
    "VerifyOptimizerRequest",
    "VerifyOptimizerRequestClipType0",
    "VerifyOptimizerRequestDtypeType0",
    "VerifyOptimizerRequestHyperparamsType0",
    "VerifyOptimizerRequestRegularizationType0",
    "VerifyResponse",
    "VerifyResponseDtype",
    "VerifyResponseOutputs",
    "VerifyResponseTarget",
    "VerifyResponseTolerance",
    "VerifyResult",
    "VerifyTolerance",
    "WireDType",
    "Worst",
)
