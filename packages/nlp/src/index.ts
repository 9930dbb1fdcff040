/** @kefu/nlp — offline text engine: normalisation, segmentation, intents, sentiment, evaluation. */
export { normalize, segment, tokenize, searchTokens, stem } from './text.js';
export { parseCsv, readLabelledCsv, type LabelledText } from './csv.js';
export {
  trainIntentModel,
  trainIntentModelAsync,
  runTrainingJob,
  loadIntentModel,
  IntentModel,
  OOS_LABEL,
  type IntentExample,
  type IntentPrediction,
  type IntentCandidate,
  type IntentTrainOptions,
  type TrainingJob,
  type TrainingJobResult,
} from './intent.js';
export type { Thresholds, Calibration, SimPoint } from './calibrate.js';
export {
  trainSentimentModel,
  loadSentimentModel,
  SentimentModel,
  type SentimentExample,
  type SentimentPrediction,
  type SentimentTrainOptions,
} from './sentiment.js';
export { detectAnger, type AngerResult } from './anger.js';
export {
  detectDistress,
  combineDistress,
  distressModel,
  trainDistressModel,
  crossValidateDistress,
  scoreDistress,
  DISTRESS_THRESHOLDS,
  MODEL_SIGNAL,
  type DistressResult,
  type DistressThresholds,
  type DistressFold,
  type DistressScores,
} from './distress.js';
export { DISTRESS_CORPUS, type DistressExample } from './distress-corpus.js';
export {
  FaqMatcher,
  ANSWER_MODES,
  TfIdfIndex,
  topicTerms,
  splitQuestions,
  type FaqEntry,
  type FaqCandidate,
  type FaqDecision,
  type FaqMatcherOptions,
  type AnswerMode,
} from './faq.js';
export { Synonyms, type SynonymGroups } from './synonyms.js';
export {
  evaluateIntents,
  evaluateIntentsAsync,
  evaluateSentiment,
  macroF1,
  percentile,
  type IntentEvaluation,
  type SentimentEvaluation,
} from './evaluate.js';
export type { FeatureOptions } from './features.js';
export type { SvmOptions } from './linear.js';
