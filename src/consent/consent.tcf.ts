import { GVL, TCModel, TCString } from '@iabtechlabtcf/core';

/** The vendor list a publisher serves (the IAB's GVL JSON, or the part of it the site discloses). */
export type VendorList = ConstructorParameters<typeof GVL>[0];

export interface TcChoices {
  cmpId: number;
  cmpVersion: number;
  /** ISO 3166-1 alpha-2 of the publisher. */
  publisherCountryCode: string;
  /** TCF purposes (1–11) consented to: the union of the `tcfPurposes` of the Mamori purposes granted. */
  purposeConsents: readonly number[];
  created: Date;
}

export interface DecodedTc {
  purposeConsents: number[];
  vendorConsents: number[];
  disclosedVendors: number[];
  cmpId: number;
  policyVersion: number;
  vendorListVersion: number;
}

/**
 * A TCF v2.3 TC string. Every vendor of the list is disclosed (the v2.3 mandatory disclosedVendors segment:
 * the banner shows them all); a vendor gets consent only when every purpose it declares for consent was
 * granted, so no vendor is signalled a consent for a purpose the person refused.
 */
export function encodeTcString(vendorList: VendorList, choices: TcChoices): string {
  const gvl = new GVL(vendorList);
  const model = new TCModel(gvl);
  model.cmpId = choices.cmpId;
  model.cmpVersion = choices.cmpVersion;
  model.publisherCountryCode = choices.publisherCountryCode;
  model.isServiceSpecific = false;
  model.created = choices.created;
  model.lastUpdated = choices.created;
  const granted = new Set(choices.purposeConsents);
  model.purposeConsents.set([...granted]);
  const vendors = Object.values(gvl.vendors);
  model.vendorsDisclosed.set(vendors.map((v) => v.id));
  model.vendorConsents.set(
    vendors.filter((v) => v.purposes.length > 0 && v.purposes.every((p) => granted.has(p))).map((v) => v.id),
  );
  return TCString.encode(model);
}

export function decodeTcString(encoded: string): DecodedTc {
  const model = TCString.decode(encoded);
  const ids = (vector: { forEach(cb: (value: boolean, id: number) => void): void }) => {
    const out: number[] = [];
    vector.forEach((value, id) => {
      if (value) out.push(id);
    });
    return out.sort((a, b) => a - b);
  };
  return {
    purposeConsents: ids(model.purposeConsents),
    vendorConsents: ids(model.vendorConsents),
    disclosedVendors: ids(model.vendorsDisclosed),
    cmpId: Number(model.cmpId),
    policyVersion: Number(model.policyVersion),
    vendorListVersion: Number(model.vendorListVersion),
  };
}

/** The TCF purposes a set of granted Mamori purposes stands for. */
export function tcfPurposesOf(
  granted: ReadonlyArray<{ key: string }>,
  config: ReadonlyArray<{ key: string; tcfPurposes: readonly number[] }>,
): number[] {
  const keys = new Set(granted.map((g) => g.key));
  return [...new Set(config.filter((p) => keys.has(p.key)).flatMap((p) => p.tcfPurposes))].sort(
    (a, b) => a - b,
  );
}
