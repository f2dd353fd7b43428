/**
 * Every message a person reads from the API or CLI, in Japanese and English. Codes are stable and part of
 * the API contract (clients branch on `error.code`); templates take `{name}` parameters.
 */
export const messages = {
  validation_failed: {
    ja: '入力内容に誤りがあります: {detail}',
    en: 'The request is invalid: {detail}',
  },
  bad_request: {
    ja: 'リクエストを処理できません: {detail}',
    en: 'The request cannot be processed: {detail}',
  },
  payload_too_large: { ja: 'リクエストが大きすぎます。', en: 'The request body is too large.' },
  unsupported_media_type: {
    ja: 'この形式の本文は受け付けません: {type}',
    en: 'This content type is not accepted: {type}',
  },
  unauthenticated: { ja: 'ログインが必要です。', en: 'You need to sign in.' },
  forbidden: { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
  not_found: { ja: '{what}が見つかりません。', en: '{what} was not found.' },
  route_not_found: { ja: 'このURLは存在しません。', en: 'There is no such URL.' },
  method_not_allowed: { ja: 'このメソッドは使えません。', en: 'This method is not allowed here.' },
  conflict: { ja: '{what}は既に存在します。', en: '{what} already exists.' },
  rate_limited: {
    ja: 'リクエストが多すぎます。{after}後にもう一度お試しください。',
    en: 'Too many requests. Try again in {after}.',
  },
  login_failed: {
    ja: 'ログインIDまたはパスワードが正しくありません。',
    en: 'The login ID or password is incorrect.',
  },
  account_disabled: { ja: 'このアカウントは無効です。', en: 'This account is disabled.' },
  password_too_weak: {
    ja: 'パスワードは{min}文字以上で、ログインIDと異なるものにしてください。',
    en: 'The password must have at least {min} characters and differ from the login ID.',
  },
  setup_token_invalid: {
    ja: '初期設定トークンが正しくないか、既に使用されています。',
    en: 'The setup token is wrong or has already been used.',
  },
  last_admin: {
    ja: '最後の管理者を無効化・降格することはできません。',
    en: 'The last administrator cannot be disabled or demoted.',
  },
  internal_error: {
    ja: 'サーバー内部でエラーが発生しました。記録番号: {ref}',
    en: 'An internal error occurred. Reference: {ref}',
  },
  service_unavailable: {
    ja: 'サーバーは停止処理中です。',
    en: 'The server is shutting down.',
  },
  register_empty: {
    ja: '台帳がまだ登録されていません(組織と開示等の手続を登録するか、台帳をインポートしてください)。',
    en: 'There is no register yet: set the organisation and the rights procedure, or import a register.',
  },
  register_invalid: {
    ja: '台帳を読み込めません: {detail}',
    en: 'The register cannot be imported: {detail}',
  },
  register_key_mismatch: {
    ja: '本文のキー「{key}」がURLのキーと一致しません。',
    en: 'The key "{key}" in the body differs from the key in the URL.',
  },
  register_has_errors: {
    ja: '台帳にエラーが{count}件あるため公表できません。`mamori register check` で確認してください。',
    en: 'The register has {count} error(s); fix them before publishing (see the register findings).',
  },
  consent_purpose_unknown: {
    ja: '利用目的「{purpose}」は台帳にありません。',
    en: 'The purpose "{purpose}" is not in the register.',
  },
  consent_import_invalid: {
    ja: '同意のインポートファイルの{line}行目が正しくありません: {detail}',
    en: 'Line {line} of the consent import is invalid: {detail}',
  },
  consent_link_conflict: {
    ja: 'この訪問者IDは既に別の本人に紐付いています。',
    en: 'This visitor id is already linked to another subject.',
  },
  rights_transition_not_allowed: {
    ja: 'この請求は「{from}」の状態のため「{action}」はできません。',
    en: 'The request is "{from}"; "{action}" is not possible now.',
  },
  rights_role_not_allowed: {
    ja: '「{action}」を行う権限がありません。',
    en: 'You may not perform "{action}".',
  },
  rights_no_kind: {
    ja: '請求の種類が、適用される法令のいずれにも該当しません。',
    en: 'None of the requested kinds exists under the laws that apply.',
  },
  rights_code_rejected: {
    ja: '確認コードが正しくないか、有効期限が切れています。新しいコードを請求してください。',
    en: 'The code is wrong or has expired; ask for a new code.',
  },
  rights_extension_unavailable: {
    ja: 'この請求の期限は延長できません（{detail}）。',
    en: 'The deadline of this request cannot be extended ({detail}).',
  },
  rights_ground_unknown: {
    ja: '拒否理由「{ground}」はこの請求の種類の法令にありません。',
    en: 'The ground "{ground}" does not belong to the kinds of this request.',
  },
  rights_download_expired: {
    ja: 'このダウンロードリンクは無効か期限切れです。',
    en: 'This download link is invalid or has expired.',
  },
  rights_document_rejected: {
    ja: '添付ファイル{index}を受け付けられません: {detail}',
    en: 'Attachment {index} cannot be accepted: {detail}',
  },
  rights_document_deleted: {
    ja: 'この書類は保存期間の経過により削除済みです。',
    en: 'This document has been deleted after its retention period.',
  },
  anonymization_invalid: {
    ja: '匿名加工の設定に誤りがあります: {detail}',
    en: 'The anonymisation settings are invalid: {detail}',
  },
  anonymization_not_completed: {
    ja: 'この匿名加工はまだ完了していません（状態: {status}）。',
    en: 'This anonymisation has not completed (status: {status}).',
  },
} as const satisfies Record<string, { ja: string; en: string }>;

export type MessageCode = keyof typeof messages;
