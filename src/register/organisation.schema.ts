import { z } from 'zod';
import { Address, Contact, CountryCode, IsoDate, Key, Text } from './common.schema.js';

export const Person = z.strictObject({
  name: Text.optional(),
  title: Text,
  department: Text.optional(),
});
export type Person = z.infer<typeof Person>;

/** One legal entity of a group (a policy may speak for several companies in several countries). */
export const LegalEntity = z.strictObject({
  key: Key,
  name: Text,
  country: CountryCode,
  address: Address.optional(),
  representative: Person.optional(),
});
export type LegalEntity = z.infer<typeof LegalEntity>;

/** A desk (窓口): complaints, enquiries, rights requests. */
export const Desk = z.strictObject({
  key: Key,
  name: Text,
  department: Text.optional(),
  contact: Contact,
  hours: Text.optional(),
});
export type Desk = z.infer<typeof Desk>;

/** APPI Art. 32(1) and Cabinet Order Art. 10: the accredited protection organisation and its complaint desk. */
export const AccreditedOrganisation = z.strictObject({
  name: Text,
  desk: Desk,
});
export type AccreditedOrganisation = z.infer<typeof AccreditedOrganisation>;

export const CertificationScheme = z.enum(['privacymark', 'iso27001', 'iso27701', 'other']);

export const Certification = z.strictObject({
  key: Key,
  scheme: CertificationScheme,
  name: Text,
  standard: z.string().optional(),
  registrationNumber: z.string().min(1),
  certifiedOn: IsoDate,
  issuer: Text.optional(),
});
export type Certification = z.infer<typeof Certification>;

/** GDPR Art. 27: a controller outside the EU that targets EU residents names a representative there. */
export const EuRepresentative = z.strictObject({
  name: z.string().min(1),
  address: Address,
  email: z.email().optional(),
});
export type EuRepresentative = z.infer<typeof EuRepresentative>;

export const PolicyDates = z.strictObject({
  establishedOn: IsoDate.optional(),
  revisedOn: IsoDate.optional(),
});

export const Organisation = z.strictObject({
  key: Key,
  name: Text,
  entities: z.array(LegalEntity).min(1),
  address: Address,
  representative: Person,
  /** APPI Art. 32(1)(i) with Cabinet Order: the manager's title, department and contact are public items. */
  manager: z.strictObject({ person: Person, contact: Contact }),
  desks: z.array(Desk).min(1),
  complaintDesk: Key,
  accreditedOrganisation: AccreditedOrganisation.optional(),
  certifications: z.array(Certification),
  euRepresentative: EuRepresentative.optional(),
  policy: PolicyDates.optional(),
  website: z.url().optional(),
});
export type Organisation = z.infer<typeof Organisation>;
