import type { CategoryRow } from './fideslang.categories.js';

/**
 * Categories Mamori adds below fideslang's, for what Japanese registers record and fideslang has no key
 * for. They sit under an existing parent so that a Fides consumer still understands them coarsely.
 */
export const MAMORI_CATEGORIES: readonly CategoryRow[] = [
  ['user.government_id.my_number', '個人番号(マイナンバー)', 'Individual Number (My Number)'],
  ['user.government_id.basic_pension_number', '基礎年金番号', 'Basic pension number'],
  ['user.demographic.social_status', '社会的身分', 'Social status'],
  ['user.health.disability', '障害に関する情報', 'Disability'],
  ['user.health.checkup_result', '健康診断の結果', 'Health check-up results'],
  ['user.criminal_history.victim', '犯罪被害の事実', 'Crime victimhood'],
  ['user.criminal_history.proceedings', '刑事手続に関する事実', 'Criminal proceedings'],
  ['user.behavior.access_log', 'アクセスログ', 'Access log'],
  ['user.behavior.service_usage', 'サービス利用状況・履歴', 'Service usage history'],
  ['user.content.enquiry', 'お問い合わせ内容', 'Enquiry content'],
  ['user.content.survey_response', 'アンケート回答', 'Survey responses'],
  ['user.content.call_recording', '通話録音', 'Call recording'],
  ['user.professional_information.department', '所属部署', 'Department'],
  ['user.professional_information.employment_record', '人事・雇用管理情報', 'Employment record'],
  ['user.professional_information.evaluation', '人事評価', 'Performance evaluation'],
  ['user.professional_information.industry', '業種・職種', 'Industry or occupation'],
  ['user.financial.salary', '給与・報酬', 'Salary and remuneration'],
  ['user.financial.shareholding', '保有株式', 'Shareholding'],
  ['user.education', '学歴', 'Education'],
  ['user.family', '家族に関する情報', 'Family information'],
  ['user.contract', '契約情報', 'Contract information'],
];
