/**
 * The seam for APPI Art. 33(5): a person may ask for the records of provision of their data to third
 * parties (Art. 29 / Art. 30 records). Those records come from the provision-records feature (a later
 * issue). Until a source is plugged in, every answer says so plainly — "not yet recorded" — and the
 * package and the letter state it; nothing is made up.
 */

export interface ProvisionRecord {
  /** When the data was provided (ISO date). */
  providedOn: string;
  recipient: string;
  items: string[];
  /** Art. 29(1) / Rules Art. 20: the consent or other ground the provision relied on. */
  ground: string;
}

export type ProvisionRecordsResult =
  | { status: 'recorded'; records: ProvisionRecord[] }
  | { status: 'not_yet_recorded'; note: { ja: string; en: string } };

export interface ProvisionRecordSource {
  /** Records about the person identified by the verified e-mail address. */
  recordsFor(identity: { email: string }): Promise<ProvisionRecordsResult>;
}

export const NOT_YET_RECORDED: ProvisionRecordsResult = {
  status: 'not_yet_recorded',
  note: {
    ja: '第三者提供記録は本システムでまだ管理していないため、この回答には含まれていません。記録は担当部署が別途確認してお知らせします。',
    en: 'Records of provision to third parties are not yet kept in this system, so this answer does not include them. Our privacy office will check the records and tell you separately.',
  },
};

/** The source used until the provision-records feature exists. */
export const noProvisionRecords: ProvisionRecordSource = {
  recordsFor: async () => NOT_YET_RECORDED,
};
