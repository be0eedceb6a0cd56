/**
 * Demo data for insatser (interventions), extracted from the Swedish source documents in
 * ../shared/seeds (see ../shared/DOMAIN.md, "Interventions and teams"):
 *   seed 000  Insatsbeskrivning Samordningsteam Norra Västmanland (2018, rev. 2021)
 *   seed 001  Årsrapport 2021 Samordningsteamen i Norra Västmanland
 *   seed 002  Insatsplan Samverkansteam Säter 2018 (Södra Dalarna)
 *   seed 003  Insatsbeskrivning Samordningsteam i Västmanland 2024
 *   seed 004  Verksamhetsplan 2022 Samordningsförbundet Västerås
 *
 * Invented values (each intervention's `source` says which of its values are 'demo'):
 *   - start dates where the seeds give only a year or nothing (Västerås team, Spira, SIM,
 *     Norra Västmanland's teams, Kraften), and the day of month everywhere a seed gives a month;
 *   - capacity where the seeds are silent (Norra Västmanland's teams, Kraften, MGT);
 *   - FTE % and employer where the seeds name a post but not its size or employer;
 *   - the bookkeeping member and employer for posts the Västerås förbund employs itself
 *     (the type only allows members, so Västerås stad is used);
 *   - Kraften Hedemora/Säter apart from the facts seed 002 gives about it;
 *   - the structural insats' events (titles and themes follow seed 004; dates other than
 *     2022-02-11, formats and attendee counts are invented);
 *   - goal statuses are our reading of the Årsrapport's text; targets marked demo are invented.
 */

import type { MemberRef } from '@finsam/governance/demo/forbund.js';

export type StaffRole =
  | 'VERKSAMHETSLEDARE'
  | 'SOCIALKONSULENT'
  | 'ARBETSKONSULENT'
  | 'ARBETSFORMEDLARE'
  | 'KURATOR'
  | 'COACH'
  | 'FORSAKRINGSUTREDARE'
  | 'PROJEKTLEDARE'
  | 'OTHER';
export type Method = 'SOLUTION_FOCUSED' | 'SUPPORTED_EMPLOYMENT' | 'CASE_MANAGEMENT' | 'SJU_TJUGO' | 'BIP' | 'OTHER';
export interface DemoStaff {
  role: StaffRole;
  employer: MemberRef;
  ftePercent: number;
  financing: 'FORBUND' | 'LENT_BY_MEMBER';
  from: string;
  to?: string;
}
export interface DemoGoal {
  year: number;
  text: string;
  measure: string;
  target: string;
  result?: string;
  status: 'PLANNED' | 'IN_PROGRESS' | 'MET' | 'PARTLY_MET' | 'NOT_MET';
}
export interface DemoEvent {
  date: string;
  title: string;
  format: 'DIGITAL' | 'PHYSICAL';
  audience: string;
  attendees: number;
}
export interface DemoIntervention {
  id: string; // fixed UUID, see below
  forbund: 'vasteras' | 'norra-vastmanland' | 'sodra-dalarna';
  name: string;
  kind: 'INDIVIDUAL' | 'STRUCTURAL'; // individinriktad / strukturövergripande
  form: 'UNTIL_FURTHER_NOTICE' | 'PROJECT'; // tills vidare / project with end date
  owners: MemberRef[]; // at least two members of that förbund
  bookkeeping: MemberRef; // member responsible for bookkeeping; must be one of owners
  startDate: string; // YYYY-MM-DD
  endDate?: string; // required when form is PROJECT
  noticeMonths?: number; // for tills vidare, if the seeds say
  kommunCodes: string[]; // SCB codes of kommuner covered, subset of the förbund's
  targetAgeMin: number;
  targetAgeMax: number; // default 16–64 unless the seeds say otherwise
  priorityGroups: string[]; // e.g. 'unga 19–29 med aktivitetsersättning' (Swedish text is fine)
  maxEnrolled?: number; // max enrolled at once
  yearlyPlaces?: number; // årsplatser
  methods: Method[];
  followUpMethod: string; // e.g. 'Indikatorer för finansiell samordning + SUS/Uppföljning Finsam'
  esfFunded: boolean;
  attendeeTargetPerYear?: number; // structural interventions only (Västerås: ~400)
  staff: DemoStaff[];
  goals: DemoGoal[];
  events: DemoEvent[]; // structural interventions only; may be a few illustrative ones
  /** Who decides on referrals (default: the verksamhetsledare, as both Västmanland insatsbeskrivningar say). */
  referralDecidedBy?: 'VERKSAMHETSLEDARE' | 'TEAM';
  /** Where the data comes from, e.g. 'seed 001 (Årsrapport 2021), Hallstahammar'; say 'demo' for invented values. */
  source: string;
}

// ---------------------------------------------------------------------------------------------
// Shared values
// ---------------------------------------------------------------------------------------------

/** Norra Västmanland: the four teams share one insatsbeskrivning (seed 000). */
const NV_START = '2018-05-15'; // date of the insatsbeskrivning; the actual start is not in the seeds (demo)
const NV_FOLLOW_UP =
  'SUS + Indikatorer för finansiell samordning + SRS/ORS (FIT); veckodagböcker och självvärdering; ' +
  'helårsrapport till styrgrupp och förbundsstyrelse';
const NV_PRIORITY = [
  'sjukskrivna med samordnade rehabiliteringsbehov',
  'unga med aktivitetsersättning',
  'arbetslösa och andra som står långt från arbetsmarknaden',
  'personer utan SGI, inklusive unga hemmasittare',
  'unga 16–30 med psykisk ohälsa eller diffus problematik',
  'yngre deltagare (uppdrag från förbundsstyrelsen inför 2021)',
];

const VAS_FOLLOW_UP = 'SUS/Uppföljning Finsam + Indikatorer för finansiell samordning (NNS)';
/** Västerås' common follow-up, then what one insats adds to it. */
const vasFollowUp = (more: string) => `${VAS_FOLLOW_UP}; ${more}`;

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/** The demo insatser that other seeds and the tests name. */
export const DEMO_INTERVENTION_IDS = {
  VASTERAS_TEAM: '1c7e0000-0000-4000-8000-000000000001',
  SPIRA: '1c7e0000-0000-4000-8000-000000000002',
  SIM: '1c7e0000-0000-4000-8000-000000000003',
  STRUCTURAL_VASTERAS: '1c7e0000-0000-4000-8000-000000000006',
  SALA: '1c7e0000-0000-4000-8000-000000000007',
  FNS: '1c7e0000-0000-4000-8000-000000000008',
  HALLSTAHAMMAR: '1c7e0000-0000-4000-8000-000000000009',
  SURAHAMMAR: '1c7e0000-0000-4000-8000-000000000010',
} as const;

export const DEMO_INTERVENTIONS: DemoIntervention[] = [
  // ========================= Samordningsförbundet Västerås =========================
  {
    id: DEMO_INTERVENTION_IDS.VASTERAS_TEAM,
    forbund: 'vasteras',
    name: 'Samordningsteamet Västerås',
    kind: 'INDIVIDUAL',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['FK', 'AF', 'REGION', 'KOMMUN:1980'],
    bookkeeping: 'KOMMUN:1980',
    startDate: '2020-01-01',
    kommunCodes: ['1980'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      'unga vuxna 19–29 med aktivitetsersättning (prioriteras vid stort inflöde)',
      'individer 16–64 skrivna i Västerås med behov av samordnat stöd från minst två aktörer',
      'bedöms kunna komma i anställning eller stegförflyttas mot arbete inom ett år',
    ],
    yearlyPlaces: 110,
    methods: ['CASE_MANAGEMENT', 'SUPPORTED_EMPLOYMENT', 'SOLUTION_FOCUSED'],
    followUpMethod: vasFollowUp(
      'styrgrupp ca 10 ggr/år med avvikelsehantering; uppföljning 6 och 18 månader efter avslut',
    ),
    esfFunded: false,
    staff: [
      // avdelningschef
      { role: 'VERKSAMHETSLEDARE', employer: 'KOMMUN:1980', ftePercent: 100, financing: 'FORBUND', from: '2020-01-01' },
      { role: 'ARBETSKONSULENT', employer: 'KOMMUN:1980', ftePercent: 100, financing: 'FORBUND', from: '2020-01-01' },
      { role: 'ARBETSKONSULENT', employer: 'KOMMUN:1980', ftePercent: 100, financing: 'FORBUND', from: '2020-01-01' },
      { role: 'ARBETSKONSULENT', employer: 'KOMMUN:1980', ftePercent: 100, financing: 'FORBUND', from: '2020-01-01' },
      { role: 'ARBETSKONSULENT', employer: 'KOMMUN:1980', ftePercent: 100, financing: 'FORBUND', from: '2020-01-01' },
      { role: 'ARBETSKONSULENT', employer: 'KOMMUN:1980', ftePercent: 100, financing: 'FORBUND', from: '2020-01-01' },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 100, financing: 'FORBUND', from: '2020-01-01' },
      // vakant tjänst i VP 2022, roll ej angiven
      { role: 'OTHER', employer: 'KOMMUN:1980', ftePercent: 100, financing: 'FORBUND', from: '2022-01-01' },
    ],
    goals: [
      {
        year: 2022,
        text: 'Deltagarna ska ha gjort en stegförflyttning mot arbete eller studier under insatsen',
        measure: 'andel inremitterade som gjort stegförflyttning mot arbete eller studier',
        target: '80 %',
        status: 'IN_PROGRESS',
      },
      {
        year: 2022,
        text: 'Deltagarna ska 6 månader efter avslut vara kvar på samma nivå som vid avslut eller högre',
        measure: 'andel avslutade på samma nivå eller högre 6 månader efter avslut',
        target: '80 %',
        status: 'IN_PROGRESS',
      },
      {
        year: 2022,
        text: 'Deltagarna ska 18 månader efter avslut vara kvar på samma nivå som vid avslut eller högre',
        measure: 'andel avslutade på samma nivå eller högre 18 månader efter avslut',
        target: '90 %',
        status: 'IN_PROGRESS',
      },
    ],
    events: [],
    source:
      'seed 004 (Verksamhetsplan 2022 Västerås, avsnitt 5 och 5.2.1): 110 årsplatser, 8 medarbetare + 1 vakant ' +
      '(avdelningschef, 5 arbetskonsulenter, 1 arbetsförmedlare, alla 100 %), metoder, prioritering, mål 2022; ' +
      'seed 003 (Insatsbeskrivning 2024): tills vidare, ägare, bokföring Västerås stad. ' +
      'startDate: omstart 2020 per seed 004, dag demo; employers of avdelningschef/arbetskonsulenter ' +
      'per seed 003 (kommunens konsulenter); vakant tjänst: roll och arbetsgivare demo; ' +
      'financing FORBUND inferred from the 2022 allocation (6 700 000 ' +
      'kr) and the personalutlåningsavtal; goal status demo',
  },
  {
    id: DEMO_INTERVENTION_IDS.SPIRA,
    forbund: 'vasteras',
    name: 'Spira',
    kind: 'INDIVIDUAL',
    form: 'PROJECT',
    owners: ['FK', 'AF', 'REGION', 'KOMMUN:1980'],
    bookkeeping: 'KOMMUN:1980',
    startDate: '2019-07-01',
    endDate: '2022-06-30',
    kommunCodes: ['1980'],
    targetAgeMin: 19,
    targetAgeMax: 29,
    priorityGroups: [
      'unga 19–29 som går ut särgymnasiet',
      'unga 19–29 med diagnostiserad funktionsnedsättning där arbetsförmågan behöver klarläggas',
      'unga i daglig verksamhet eller i insatser hos Arbetsförmedlingen',
    ],
    yearlyPlaces: 30,
    // OTHER: kartläggningsmetoder, individuella utvecklings- och utbildningsinsatser
    methods: ['SOLUTION_FOCUSED', 'OTHER'],
    followUpMethod: vasFollowUp('styrgrupp 3–4 ggr/år; extern utvärdering (PayOff AB) inför projektavslut 2022'),
    esfFunded: false,
    staff: [
      {
        role: 'PROJEKTLEDARE',
        employer: 'KOMMUN:1980',
        ftePercent: 100,
        financing: 'FORBUND',
        from: '2019-07-01',
        to: '2022-06-30',
      },
      {
        role: 'ARBETSKONSULENT',
        employer: 'KOMMUN:1980',
        ftePercent: 100,
        financing: 'FORBUND',
        from: '2019-07-01',
        to: '2022-06-30',
      },
      {
        role: 'ARBETSKONSULENT',
        employer: 'KOMMUN:1980',
        ftePercent: 100,
        financing: 'FORBUND',
        from: '2019-07-01',
        to: '2022-06-30',
      },
    ],
    goals: [
      {
        year: 2022,
        text:
          'Samtliga deltagares arbetsförmåga ska ha kartlagts och ' +
          'deltagaren är på rätt plats med en tydlig aktivitetsplanering',
        measure: 'andel deltagare med kartlagd arbetsförmåga och tydlig aktivitetsplanering vid projektavslut',
        target: '100 %',
        status: 'IN_PROGRESS',
      },
      {
        year: 2022,
        text: 'Fler unga ur målgruppen ska ha fått möjlighet till en anställning eller utbildning',
        measure: 'antal deltagare till anställning eller utbildning',
        target: 'fler än föregående år',
        status: 'IN_PROGRESS',
      },
    ],
    events: [],
    source:
      'seed 004 (Verksamhetsplan 2022 Västerås, avsnitt 5 och 5.2.2): målgrupp 19–29, ' +
      'projekt t.o.m. halvårsskiftet 2022 och därefter ordinarie verksamhet i Västerås stad, ' +
      '1 projektledare + 2 arbetskonsulenter 100 %, ca 30 deltagare inom förbundets ' +
      'finansiering 2022 (60 per år totalt), styrgrupp med alla fyra parter, mål 2022. ' +
      'startDate: demo; bookkeeping and employer Västerås stad: inferred (implemented ' +
      'in Västerås stad, same ansvarig chef as Samordningsteamet); goal status demo',
  },
  {
    id: DEMO_INTERVENTION_IDS.SIM,
    forbund: 'vasteras',
    name: 'SIM',
    // Strukturövergripande: nobody is referred or enrolled (teachers lead the pupils' sessions), so it
    // has no capacity to state; the budget lists it under individinsatser (see source).
    kind: 'STRUCTURAL',
    form: 'PROJECT',
    owners: ['REGION', 'KOMMUN:1980'],
    bookkeeping: 'REGION',
    startDate: '2021-01-01',
    endDate: '2023-12-31',
    kommunCodes: ['1980'],
    targetAgeMin: 16,
    targetAgeMax: 19,
    priorityGroups: ['ungdomar i skolan: tidiga och förebyggande insatser för psykisk hälsa'],
    methods: ['SOLUTION_FOCUSED'], // 9 coachande lösningsfokuserade möten som leds av lärare
    followUpMethod:
      'Rapportering av progression 2 ggr/år + möten med projektledningen 2 ggr/år; ' +
      'effekter utvärderas i senare randomiserad kontrollerad studie (Uppsala universitet)',
    esfFunded: false,
    staff: [
      {
        role: 'PROJEKTLEDARE',
        employer: 'REGION',
        ftePercent: 50,
        financing: 'FORBUND',
        from: '2021-01-01',
        to: '2023-12-31',
      },
    ],
    goals: [
      {
        year: 2022,
        text:
          'Utveckla, förankra, testa och utvärdera genomförandet av ' +
          'en främjande intervention för ungdomars psykiska hälsa',
        measure: 'genomförda delmål (aktiviteter kopplade till projektets syfte)',
        target: 'förutsättningar för en randomiserad kontrollerad studie och bred implementering skapade',
        status: 'IN_PROGRESS',
      },
    ],
    events: [],
    source:
      'seed 004 (Verksamhetsplan 2022 Västerås, förord, avsnitt 5, 5.2.3, 6 och budget): genomförandestudie ' +
      'ägd och genomförd av Region Västmanland med Västerås stad och Uppsala universitet, ' +
      'finansieras av förbundet t.o.m. 2023, uppföljning, listad ' +
      'under individinsatser i budgeten. Seeded as STRUCTURAL: it enrols no participants (a universal ' +
      'school intervention led by teachers), and an individinriktad insats must state its capacity, ' +
      'which the seeds do not give. ' +
      'startDate: 2021 from the 2021 budget, day demo; bookkeeping Region: inferred (projektägare); ' +
      'age 16–19, projektledare FTE: demo; no capacity (universal school intervention)',
  },
  {
    id: '1c7e0000-0000-4000-8000-000000000004',
    forbund: 'vasteras',
    name: 'Arbetsgivarkoordinator',
    // Strukturövergripande: works with employers and the parties' processes, enrols no participants.
    kind: 'STRUCTURAL',
    form: 'PROJECT',
    owners: ['FK', 'AF', 'REGION', 'KOMMUN:1980'],
    bookkeeping: 'KOMMUN:1980',
    startDate: '2022-04-01',
    endDate: '2023-12-31',
    kommunCodes: ['1980'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      'individer i förbundets målgrupper som ska finna, få och behålla arbete på den öppna arbetsmarknaden',
    ],
    methods: ['OTHER'], // Samwin-modellen (strukturerat arbetsgivarsamarbete, CSR)
    followUpMethod:
      'Veckouppföljning med förbundssamordnare + månatlig skriftlig ' +
      'rapport till utvecklingsgrupp och styrelse; årlig utvärdering',
    esfFunded: false,
    staff: [
      {
        role: 'OTHER',
        employer: 'KOMMUN:1980',
        ftePercent: 100,
        financing: 'FORBUND',
        from: '2022-04-01',
        to: '2023-12-31',
      }, // arbetsgivarkoordinator/arbetsgivarutvecklare
    ],
    goals: [
      {
        year: 2022,
        text:
          'Prova modell för strukturerat samarbete med arbetsgivare (Samwin) ' +
          'så att individer i förbundets målgrupper får anställning',
        measure: 'antal företag med strukturerat samarbete enligt processmodellen',
        target: '2 företag',
        status: 'PLANNED',
      },
    ],
    events: [],
    source:
      'seed 004 (Verksamhetsplan 2022 Västerås, förord, 5, 5.2.4 och not 7): heltid, ' +
      'projektanställning 20 månader april 2022–december 2023, samarbete med 2 företag enligt ' +
      'förstudie Samwin (ESF-finansierad förstudie; insatsen själv förbundsfinansierad), ' +
      'uppföljning, listad under individinsatser i budgeten. Seeded as STRUCTURAL: it works with employers ' +
      'and processes between the parties and enrols no participants, so it has no capacity to state. ' +
      'employer and bookkeeping Västerås stad: demo ' +
      '(seed 004 says the förbund employs; the type requires a member); no capacity; goal status demo',
  },
  {
    id: '1c7e0000-0000-4000-8000-000000000005',
    forbund: 'vasteras',
    name: 'Myndighetsgemensamt team (MGT)',
    kind: 'INDIVIDUAL',
    form: 'PROJECT',
    owners: ['FK', 'AF', 'REGION', 'KOMMUN:1980'],
    bookkeeping: 'KOMMUN:1980',
    startDate: '2022-04-01',
    endDate: '2023-12-31',
    kommunCodes: ['1980'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      'individer med svårdefinierat behov där ordinarie insatser inte räckt',
      'individer i behov av myndighetsgemensam kartläggning och samordnad handlingsplan (SAMSIP)',
    ],
    yearlyPlaces: 40,
    methods: ['SOLUTION_FOCUSED', 'OTHER'], // OTHER: myndighetsgemensam kartläggning med tidslinje, SAMSIP
    followUpMethod: vasFollowUp(
      'styrgrupp för MGT med alla parter; veckoavstämning och månadsrapport till förbundssamordnare',
    ),
    esfFunded: false,
    staff: [
      // operativ utvecklingsledare/samordnare: 50 % förberedelse apr–aug 2022, sedan 50 % teammedlem + 25 % samordnare
      {
        role: 'PROJEKTLEDARE',
        employer: 'KOMMUN:1980',
        ftePercent: 50,
        financing: 'FORBUND',
        from: '2022-04-01',
        to: '2022-07-31',
      },
      {
        role: 'PROJEKTLEDARE',
        employer: 'KOMMUN:1980',
        ftePercent: 75,
        financing: 'FORBUND',
        from: '2022-08-01',
        to: '2023-12-31',
      },
      // en handläggare per myndighet
      { role: 'FORSAKRINGSUTREDARE', employer: 'FK', ftePercent: 10, financing: 'LENT_BY_MEMBER', from: '2022-08-01' },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 10, financing: 'LENT_BY_MEMBER', from: '2022-08-01' },
      // handläggare Region Västmanland
      { role: 'OTHER', employer: 'REGION', ftePercent: 10, financing: 'LENT_BY_MEMBER', from: '2022-08-01' },
      // handläggare Västerås stad
      { role: 'OTHER', employer: 'KOMMUN:1980', ftePercent: 10, financing: 'LENT_BY_MEMBER', from: '2022-08-01' },
    ],
    goals: [
      {
        year: 2022,
        text: 'Starta ett myndighetsgemensamt team med en handläggare från var och en av de fyra parterna',
        measure: 'team i drift med handläggare från FK, AF, Region Västmanland och Västerås stad',
        target: 'teamet startar augusti 2022',
        status: 'PLANNED',
      },
      {
        year: 2022,
        text: 'Individer ska få en samordnad plan för arbetslivsinriktad rehabilitering',
        measure: 'andel inremitterade med samordnad handlingsplan efter MGT-mötet',
        target: 'samtliga inremitterade',
        status: 'PLANNED',
      },
    ],
    events: [],
    source:
      'seed 004 (Verksamhetsplan 2022 Västerås, förord, 5, 5.2.5 och not 10): en handläggare ' +
      'per myndighet, förberedelser från april 2022, team planeras starta augusti 2022, ' +
      'operativ utvecklingsledare 50 % apr–aug 2022 och 50 % + 25 % aug ' +
      '2022–dec 2023 (projektanställning 20 månader), styrgrupp, syfte och mål. ' +
      'handläggarnas FTE 10 % and capacity (40/år): demo; utvecklingsledarens employer and ' +
      'bookkeeping Västerås stad: demo (seed 004 says the förbund employs); goal status demo',
  },
  {
    id: DEMO_INTERVENTION_IDS.STRUCTURAL_VASTERAS,
    forbund: 'vasteras',
    name: 'Kunskapshöjande insatser – utbildningar, frukostmöten och webbinarier',
    kind: 'STRUCTURAL',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['FK', 'AF', 'REGION', 'KOMMUN:1980'],
    bookkeeping: 'KOMMUN:1980',
    startDate: '2022-01-01',
    kommunCodes: ['1980'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      'medlemsparternas medarbetare',
      'anställda i förbundets insatser',
      'civilsamhälle, företag och intresseorganisationer',
      'förbundsstyrelse och utvecklingsgrupp',
    ],
    methods: ['SOLUTION_FOCUSED'], // lösningsfokusutbildningar via GoodSolution
    followUpMethod:
      'Antal deltagare per tillfälle (Uppföljning Finsam, strukturella ' +
      'insatser) + kansliets återrapportering enligt årshjul',
    esfFunded: false,
    attendeeTargetPerYear: 400,
    // genomförs av förbundets kansli (förbundssamordnare) och GoodSolution enligt avtal, inte av medlemmarnas personal
    staff: [],
    goals: [
      {
        year: 2022,
        text: 'Ökad kunskap, inspiration och nätverkande samt kunskap om parternas verksamheter',
        measure: 'antal personer som tagit del av förbundets anordnade insatser (behöver ej vara unika individer)',
        target: 'ca 400',
        status: 'IN_PROGRESS',
      },
    ],
    events: [
      {
        date: '2022-02-11',
        title: 'Utbildnings- och teambildningsdag: jämställda, tillgängliga och icke-diskriminerande processer',
        format: 'PHYSICAL',
        audience: 'Förbundsstyrelse och utvecklingsgrupp',
        attendees: 16,
      },
      {
        date: '2022-03-17',
        title: 'Frukostmöte: Psykisk hälsa',
        format: 'DIGITAL',
        audience: 'Medlemsparternas medarbetare och övriga intresserade',
        attendees: 74,
      },
      {
        date: '2022-05-12',
        title: 'Lösningsfokusutbildning – reaktivering (GoodSolution)',
        format: 'DIGITAL',
        audience: 'Anställda i förbundets insatser och medlemsparternas medarbetare',
        attendees: 22,
      },
      {
        date: '2022-09-22',
        title: 'Webbinarium: Våld i nära relationer',
        format: 'DIGITAL',
        audience: 'Medlemsparternas medarbetare, civilsamhälle, företag och intresseorganisationer',
        attendees: 96,
      },
      {
        date: '2022-11-10',
        title: 'Frukostmöte: Jämställdhet och integration',
        format: 'PHYSICAL',
        audience: 'Medlemsparternas medarbetare och övriga intresserade',
        attendees: 41,
      },
    ],
    source:
      'seed 004 (Verksamhetsplan 2022 Västerås, förord och 5.1.1): mål ca 400 deltagare, planerade tillfällen 2022 ' +
      '(lösningsfokusutbildning reaktivering 1, chefer 1, externa utbildningar 2, webbinarier/frukostmöten 4, ' +
      'utbildnings-/teambildningstillfälle 1), teman psykisk hälsa, jämställdhet, ' +
      'våld i nära relationer, integration; teambildningsdag 11/2 per årshjulet. ' +
      "form and startDate: demo (budgeted yearly); bookkeeping Västerås stad: demo (run by the förbund's " +
      'kansli); events other than the date 2022-02-11: demo (dates, formats, attendees); goal status demo',
  },

  // ========================= Norra Västmanlands Samordningsförbund =========================
  {
    id: DEMO_INTERVENTION_IDS.SALA,
    forbund: 'norra-vastmanland',
    name: 'Samordningsteam Sala',
    kind: 'INDIVIDUAL',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['AF', 'REGION', 'KOMMUN:1981'],
    bookkeeping: 'KOMMUN:1981',
    startDate: NV_START,
    kommunCodes: ['1981'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      ...NV_PRIORITY,
      'unga med autism, ofta med intellektuell funktionsnedsättning (lokal målgruppsanalys 2021)',
    ],
    maxEnrolled: 25,
    methods: ['SOLUTION_FOCUSED', 'SJU_TJUGO'],
    followUpMethod: NV_FOLLOW_UP,
    esfFunded: false,
    staff: [
      // "2 socialkonsulenter/verksamhetsledare 100 % vardera": den ena är verksamhetsledare
      { role: 'VERKSAMHETSLEDARE', employer: 'KOMMUN:1981', ftePercent: 100, financing: 'FORBUND', from: NV_START },
      { role: 'SOCIALKONSULENT', employer: 'KOMMUN:1981', ftePercent: 100, financing: 'FORBUND', from: NV_START },
      {
        role: 'ARBETSFORMEDLARE',
        employer: 'AF',
        ftePercent: 50,
        financing: 'FORBUND',
        from: NV_START,
        to: '2020-12-31',
      },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 40, financing: 'FORBUND', from: '2021-01-01' },
    ],
    goals: [
      {
        year: 2021,
        text:
          'Stoppa våldet: strukturerat och systematiskt ställa frågor om våld till samtliga deltagare ' +
          'och hänvisa till stöd och skydd; ta fram en broschyr med information och kontaktuppgifter',
        measure: 'andel deltagare tillfrågade om våld; broschyr framtagen',
        target: 'samtliga deltagare tillfrågade under 2021; broschyr klar',
        result:
          'Första mätningen hösten 2021 med alla deltagare: ca 75 % har erfarenhet av våld, ' +
          'ingen behövde stöd i dagsläget. Broschyr framtagen och översatt till arabiska.',
        status: 'MET',
      },
      {
        year: 2021,
        text: 'Metodutveckling: införa samtalsgrupp inspirerad av 7Tjugo',
        measure: 'genomförd grupp och deltagarnas utvärdering (skala 1–5)',
        target: 'en grupp genomförd hösten 2021',
        result:
          '7 startade, 1 tidig drop-out, 6 fullföljde med mycket låg frånvaro; ' +
          'alla nöjda eller mycket nöjda med utbildningen i sin helhet.',
        status: 'MET',
      },
      {
        year: 2021,
        text: 'Metodutveckling: kombinera digitala aktiviteter med aktiviteter på plats',
        measure: 'aktiviteter som erbjuds både digitalt och i lokalerna',
        target: 'deltagare som inte kan komma ska kunna delta digitalt',
        result: 'Veckoinformation, fredagsquiz, träningsgrupp och planeringsdag erbjöds både digitalt och på plats.',
        status: 'MET',
      },
      {
        year: 2021,
        text:
          'Samverkan/samordning: träffa och informera samarbetsparter (familjeläkarcentraler, ' +
          'psykiatri, socialtjänst) om samordningsteamet och arbetssättet',
        measure: 'genomförda informationsträffar med samarbetsparter',
        target: 'träff med respektive samarbetspart under 2021',
        result: 'Svårt att genomföra under pandemin och vårdens ökade tryck; arbetet fortsätter 2022.',
        status: 'NOT_MET',
      },
      {
        year: 2022,
        text:
          'Fortsätta ställa frågor om våld till alla deltagare, i ' +
          'samverkan med kommunens samordnare för våld i nära relationer',
        measure: 'antal mätningar om våld med alla deltagare',
        target: '2 per år',
        status: 'PLANNED',
      },
    ],
    events: [],
    source:
      'seed 000 (Insatsbeskrivning NV 2018/2021): ägare (FK medverkar endast i styrgruppen; ägare ' +
      'från 2024 enligt seed 003), bokföring Sala kommun, tills vidare, lösningsfokus, uppföljning; ' +
      'seed 001 (Årsrapport 2021), Sala: personal (arbetsförmedlare från 50 % till ' +
      '40 % fr.o.m. januari 2021), 7tjugo, lokala mål och resultat 2021, mål 2022. ' +
      'startDate: date of seed 000, actual start demo; capacity: ' +
      'demo (2021: 18 nya deltagare, 42 deltagare från Sala kommun); ' +
      'financing FORBUND inferred from allocation 1 590 000 kr ' +
      '2021; goal measure/target paraphrased and status our reading',
  },
  {
    id: DEMO_INTERVENTION_IDS.FNS,
    forbund: 'norra-vastmanland',
    name: 'Samordningsteam FNS',
    kind: 'INDIVIDUAL',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['AF', 'REGION', 'KOMMUN:1982', 'KOMMUN:1962', 'KOMMUN:1904'],
    bookkeeping: 'KOMMUN:1982',
    startDate: NV_START,
    kommunCodes: ['1982', '1962', '1904'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [...NV_PRIORITY, 'ungdomar från 16 år via KAA', 'utlandsfödda'],
    maxEnrolled: 25,
    methods: ['SOLUTION_FOCUSED'],
    followUpMethod: NV_FOLLOW_UP,
    esfFunded: false,
    staff: [
      // verksamhetsledare/socialkonsulent
      { role: 'VERKSAMHETSLEDARE', employer: 'KOMMUN:1982', ftePercent: 100, financing: 'FORBUND', from: NV_START },
      { role: 'SOCIALKONSULENT', employer: 'KOMMUN:1904', ftePercent: 50, financing: 'FORBUND', from: NV_START },
      { role: 'SOCIALKONSULENT', employer: 'KOMMUN:1962', ftePercent: 50, financing: 'FORBUND', from: '2021-02-01' },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 40, financing: 'FORBUND', from: NV_START },
      {
        role: 'SOCIALKONSULENT',
        employer: 'KOMMUN:1982',
        ftePercent: 100,
        financing: 'LENT_BY_MEMBER',
        from: NV_START,
      }, // finansieras via Fagersta kommun
    ],
    goals: [
      {
        year: 2021,
        text: 'Utöka antalet ungdomar (KAA) från 16 år och äldre som är i behov av samordnade insatser',
        measure: 'antal ungdomar anvisade via KAA',
        target: 'ökning jämfört med 2020',
        result:
          '1 ungdom som hoppat av gymnasiet aktualiserad (KAA Norbergs ' +
          'kommun); teamet arbetar vidare för att nå målgruppen.',
        status: 'PARTLY_MET',
      },
      {
        year: 2021,
        text: 'Påbörja arbetet med att ställa frågor om våld i nära relationer',
        measure: 'antal deltagare som besvarat våldsenkäten (7 frågor)',
        target: 'arbetet påbörjat under 2021',
        result:
          '19 svarande (11 kvinnor, 8 män); de flesta utsatta någon gång i livet, ingen ' +
          'med aktuellt stödbehov. Alla fick broschyr om stöd i Fagersta, Norberg och ' +
          'Skinnskatteberg. Teamet deltar i NNS studie om våld i nära relation.',
        status: 'MET',
      },
      {
        year: 2021,
        text: 'Fler utlandsfödda inskrivna i teamet',
        measure: 'antal inskrivna utlandsfödda',
        target: 'ökning jämfört med 2020',
        result: 'Ett fåtal inskrivna; gruppens samordnade behov bedöms tillgodosedda av andra kommunala verksamheter.',
        status: 'NOT_MET',
      },
    ],
    events: [],
    source:
      'seed 000 (Insatsbeskrivning NV 2018/2021): ägare (FK medverkar endast i ' +
      'styrgruppen), bokföring Fagersta kommun, tills vidare, lösningsfokus, uppföljning; ' +
      'seed 001 (Årsrapport 2021), FNS: verksamhetsledare/socialkonsulent 100 %, ' +
      '2 socialkonsulenter 50 %, arbetsförmedlare 40 % (ersatt december 2021, ' +
      'same post), 1 socialkonsulent 100 % finansierad via Fagersta kommun, ' +
      'socialkonsulent från Norbergs kommun fr.o.m. februari 2021, Fagersta ' +
      'arbetsgivare för två av personalen, lokala mål och resultat 2021. ' +
      'startDate: date of seed 000, actual start demo; employer Skinnskatteberg ' +
      'for the other 50 % post: demo; capacity: demo (2021: 40 deltagare, 23 nya); ' +
      'financing FORBUND inferred from allocation 1 457 000 kr ' +
      '2021; goal measure/target paraphrased and status our reading',
  },
  {
    id: DEMO_INTERVENTION_IDS.HALLSTAHAMMAR,
    forbund: 'norra-vastmanland',
    name: 'Samordningsteam Hallstahammar',
    kind: 'INDIVIDUAL',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['AF', 'REGION', 'KOMMUN:1961'],
    bookkeeping: 'KOMMUN:1961',
    startDate: NV_START,
    kommunCodes: ['1961'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      ...NV_PRIORITY,
      'unga vuxna utan myndighetskontakt eller med (risk för avslag på) aktivitetsersättning',
      'ungdomar via KAA (det kommunala aktivitetsansvaret)',
    ],
    maxEnrolled: 15,
    methods: ['SOLUTION_FOCUSED'],
    followUpMethod: `${NV_FOLLOW_UP}; KASAM`,
    esfFunded: false,
    staff: [
      { role: 'VERKSAMHETSLEDARE', employer: 'KOMMUN:1961', ftePercent: 40, financing: 'FORBUND', from: NV_START },
      { role: 'SOCIALKONSULENT', employer: 'KOMMUN:1961', ftePercent: 100, financing: 'FORBUND', from: NV_START },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 20, financing: 'FORBUND', from: NV_START },
      { role: 'KURATOR', employer: 'REGION', ftePercent: 20, financing: 'FORBUND', from: NV_START },
    ],
    goals: [
      {
        year: 2021,
        text: 'Målgruppsanalys',
        measure: 'genomförda gemensamma planeringsdagar och samverkansträffar om målgruppen',
        target: 'målgruppsanalys genomförd under 2021',
        result:
          'Planeringsdag med LSS, Jobbcentrum och Motivationssatsning; samverkansdag ' +
          'med försörjningsstöd; planeringsdag med Samordningsteam Surahammar. ' +
          'Fortsatt behov för unga vuxna och personer födda på 60-talet identifierat.',
        status: 'MET',
      },
      {
        year: 2021,
        text: 'Genomförande och spridning av "Stoppa våldet"',
        measure: 'antal mätningar om våld bland deltagarna; spridningsinsatser',
        target: '2 mätningar under 2021',
        result:
          '2 mätningar genomförda; utbildningar om våld i nära relation, arbetssättet implementerat på ' +
          'Jobbcentrum och i ESF-projektet "Vägar framåt", workshop på Jämställdhetsrådet i Västmanland.',
        status: 'MET',
      },
      {
        year: 2021,
        text: 'Fler ungdomar till Samordningsteamet',
        measure: 'anvisningar av unga vuxna, bl.a. från KAA',
        target: 'ökning jämfört med 2020',
        result:
          'Enhetschef från KAA i styrgruppen; teamet ingår i ESF-projektet "Vägar ' +
          'framåt"; KAA har börjat anvisa och målgruppen unga vuxna har ökat.',
        status: 'MET',
      },
      {
        year: 2022,
        text: 'Öka medvetenheten kring jämställdhet, kön och normer',
        measure:
          'jämställdhetsperspektiv vid inskrivning; riktade aktiviteter ' +
          'i deltagargrupper; extern handledning och utbildning',
        target: 'aktiviteterna genomförda under 2022',
        status: 'PLANNED',
      },
    ],
    events: [],
    source:
      'seed 000 (Insatsbeskrivning NV 2018/2021): ägare (FK medverkar endast i styrgruppen), ' +
      'bokföring Hallstahammars kommun, tills vidare, lösningsfokus, uppföljning; ' +
      'seed 001 (Årsrapport 2021), Hallstahammar: verksamhetsledare 40 %, socialkonsulent 100 %, ' +
      'arbetsförmedlare 20 %, kurator 20 % (Region, hela 2021), KASAM, tre målområden 2021 och målområde 2022. ' +
      'startDate: date of seed 000, actual start demo; employer of ' +
      'verksamhetsledaren: demo; capacity: demo (2021: 26 deltagare, 15 nya); ' +
      'financing FORBUND inferred from allocations 1 060 000 kr + kurator via Region ' +
      '2021; the team takes part in ESF-projektet "Vägar framåt" but the insats is ' +
      'not ESF-funded; goal measure/target paraphrased and status our reading',
  },
  {
    id: DEMO_INTERVENTION_IDS.SURAHAMMAR,
    forbund: 'norra-vastmanland',
    name: 'Samordningsteam Surahammar',
    kind: 'INDIVIDUAL',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['AF', 'REGION', 'KOMMUN:1907'],
    bookkeeping: 'KOMMUN:1907',
    startDate: NV_START,
    kommunCodes: ['1907'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      ...NV_PRIORITY,
      'ungdomar 16–30 med behov av samordnade insatser',
      'unga med aktivitetsersättning (studiebesök via FK)',
    ],
    maxEnrolled: 15,
    methods: ['SOLUTION_FOCUSED'],
    followUpMethod: `${NV_FOLLOW_UP}; KASAM`,
    esfFunded: false,
    staff: [
      // verksamhetsledare/socialkonsulent
      { role: 'VERKSAMHETSLEDARE', employer: 'KOMMUN:1907', ftePercent: 100, financing: 'FORBUND', from: NV_START },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 60, financing: 'FORBUND', from: NV_START },
      // kurator saknades 2020
      { role: 'KURATOR', employer: 'REGION', ftePercent: 20, financing: 'FORBUND', from: '2021-01-01' },
    ],
    goals: [
      {
        year: 2021,
        text: 'Öka antalet ungdomar i åldern 16–30 år med behov av samordnade insatser som anvisas till teamet',
        measure: 'antal anvisade ungdomar 16–30 år',
        target: 'fler än 2020 (3 st)',
        result: '8 ungdomar remitterade 2021 (IFO 3, Försäkringskassan 3, Arbetsförmedlingen 2) mot 3 år 2020.',
        status: 'MET',
      },
      {
        year: 2021,
        text:
          'Börja arbeta strukturerat med att ställa frågor om våld till samtliga ' +
          'deltagare och vid behov hänvisa till stöd, behandling och skydd',
        measure: 'antal inkomna våldsenkäter',
        target: 'samtliga deltagare tillfrågade',
        result:
          '7 enkäter inkomna, 6 har varit utsatta för våld, ingen har ' +
          'utövat våld; broschyr om stöd i kommunen till alla tillfrågade.',
        status: 'PARTLY_MET',
      },
      {
        year: 2021,
        text: 'Två halvdagar per halvår med strukturerade genomgångar av alla deltagare (vem i teamet gör vad)',
        measure: 'antal halva planeringsdagar',
        target: '4 (2 per halvår)',
        result: '4 halva planeringsdagar genomförda.',
        status: 'MET',
      },
      {
        year: 2022,
        text: 'Alla deltagare tillfrågas om våld en gång per halvår',
        measure: 'andel deltagare tillfrågade per halvår',
        target: '100 %',
        status: 'PLANNED',
      },
    ],
    events: [],
    source:
      'seed 000 (Insatsbeskrivning NV 2018/2021): ägare (FK medverkar endast i styrgruppen), ' +
      'bokföring Surahammars kommun, tills vidare, lösningsfokus, uppföljning; ' +
      'seed 001 (Årsrapport 2021), Surahammar: verksamhetsledare/socialkonsulent 100 %, arbetsförmedlare 60 %, ' +
      'kurator 20 % (saknades 2020), KASAM, tre lokala mål och resultat 2021, mål för våldsfrågor framåt. ' +
      'startDate: date of seed 000, actual start demo; capacity: demo ' +
      '(2021: 13 nya deltagare, 25 deltagare från Surahammars kommun); ' +
      'financing FORBUND inferred from allocations 958 000 kr + kurator via Region ' +
      '2021; goal status our reading (våld: 7 enkäter, not all participants)',
  },

  // ========================= Södra Dalarnas Samordningsförbund =========================
  {
    id: '1c7e0000-0000-4000-8000-000000000011',
    forbund: 'sodra-dalarna',
    name: 'Samverkansteam Säter',
    kind: 'INDIVIDUAL',
    // Seed 002: the team decides on its referrals under the insatsplan's mandate.
    referralDecidedBy: 'TEAM',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['AF', 'FK', 'KOMMUN:2082', 'REGION'],
    bookkeeping: 'KOMMUN:2082',
    startDate: '2018-04-01',
    noticeMonths: 12,
    kommunCodes: ['2082'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      'unga 19–29 med aktivitetsersättning',
      'långvarigt försörjningsstöd med diagnos',
      'personer inom LSS',
      'unga inom KAA (det kommunala aktivitetsansvaret)',
      'neuropsykiatrisk funktionsnedsättning',
      'personer utan diagnos men med misstänkt medicinsk problematik',
    ],
    maxEnrolled: 30,
    yearlyPlaces: 50,
    methods: ['SOLUTION_FOCUSED'],
    followUpMethod:
      'SUS + deltagarenkät; självvärdering halvårsvis; kvartalsrapporter ' +
      'till styrgruppen; rapport till förbundet 2 ggr/år',
    esfFunded: false,
    staff: [
      // verksamhetsledare/samordnare/coach, budget 320 tkr
      { role: 'VERKSAMHETSLEDARE', employer: 'KOMMUN:2082', ftePercent: 100, financing: 'FORBUND', from: '2018-04-01' },
      // överförs från Kraften, budget 300 tkr
      { role: 'COACH', employer: 'KOMMUN:2082', ftePercent: 100, financing: 'FORBUND', from: '2018-05-01' },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 20, financing: 'LENT_BY_MEMBER', from: '2018-04-01' },
      // personlig handläggare
      { role: 'FORSAKRINGSUTREDARE', employer: 'FK', ftePercent: 20, financing: 'LENT_BY_MEMBER', from: '2018-04-01' },
      // psykiatri- och vårdkontakt (Landstinget Dalarna)
      { role: 'OTHER', employer: 'REGION', ftePercent: 20, financing: 'LENT_BY_MEMBER', from: '2018-04-01' },
      // socialsekreterare
      { role: 'OTHER', employer: 'KOMMUN:2082', ftePercent: 20, financing: 'LENT_BY_MEMBER', from: '2018-04-01' },
    ],
    goals: [
      {
        year: 2018,
        text:
          'Avstämning minst var tredje månad med gemensamt satt och ' +
          'uppföljd handlingsplan (SIP) för varje deltagare',
        measure: 'andel inskrivna med flerpartsmöte och SIP-uppföljning senast var tredje månad',
        target: '100 %',
        status: 'PLANNED',
      },
    ],
    events: [],
    source:
      'seed 002 (Insatsplan Samverkansteam Säter 2018-02-05): ägare AF, FK, Säters kommun, Landstinget Dalarna ' +
      '(nu Region Dalarna), bokföring Säters kommun, tills vidare med ett års uppsägningstid från 2018-04-01, ' +
      'målgrupp, ca 30 inskrivna samtidigt och ca 50 individer per år (yearlyPlaces ' +
      '= omsättning per år), max ett år per deltagare, lösningsfokus, personal ' +
      '(AF/FK/Landstinget/socialsekreterare 20 % vardera utlånade utan kostnad, ' +
      'verksamhetsledare 100 % 320 tkr och coach 100 % 300 tkr; coach från Kraften ' +
      'eventuellt från maj; verksamhetsledare rekryterad till april), uppföljning. ' +
      'Note: the plan speaks of medel för 2,3 årsarbetare but budgets 2 × 100 %. ' +
      "Age 16–64: default; goal: seed 002's example goal, target 100 % demo",
  },
  {
    id: '1c7e0000-0000-4000-8000-000000000012',
    forbund: 'sodra-dalarna',
    name: 'Kraften Hedemora/Säter',
    kind: 'INDIVIDUAL',
    form: 'UNTIL_FURTHER_NOTICE',
    owners: ['FK', 'AF', 'REGION', 'KOMMUN:2083', 'KOMMUN:2082'],
    bookkeeping: 'KOMMUN:2083',
    startDate: '2015-01-01',
    kommunCodes: ['2083', '2082'],
    targetAgeMin: 16,
    targetAgeMax: 64,
    priorityGroups: [
      'personer i Hedemora och Säter med samordnade rehabiliteringsbehov',
      'nya deltagare från Säter (kvotering första året)',
    ],
    maxEnrolled: 40,
    methods: ['OTHER'], // coachande och samordnat arbetssätt
    followUpMethod: 'SUS + helårsrapport till styrgrupp och förbund',
    esfFunded: false,
    staff: [
      {
        role: 'COACH',
        employer: 'KOMMUN:2082',
        ftePercent: 100,
        financing: 'FORBUND',
        from: '2015-01-01',
        to: '2018-08-31',
      }, // anställd av Säters kommuns IFO, överförs till Samverkansteam Säter
      { role: 'VERKSAMHETSLEDARE', employer: 'KOMMUN:2083', ftePercent: 100, financing: 'FORBUND', from: '2015-01-01' },
      { role: 'COACH', employer: 'KOMMUN:2083', ftePercent: 100, financing: 'FORBUND', from: '2015-01-01' },
      { role: 'ARBETSFORMEDLARE', employer: 'AF', ftePercent: 50, financing: 'LENT_BY_MEMBER', from: '2015-01-01' },
    ],
    goals: [
      {
        year: 2017,
        text: 'Deltagare når arbete eller studier',
        measure: 'andel av samtliga avslut till arbete eller studier',
        target: '50 %',
        result: '55 % av samtliga avslut (helårsrapport 2017-08-31).',
        status: 'MET',
      },
      {
        year: 2017,
        text: 'Sätersbor ska delta i teamet i proportion till befolkningen',
        measure: 'andel deltagare skrivna i Säter',
        target: 'befolkningsmässig andel',
        result: '33 % av 55 deltagare (helårsrapport 2017-08-31), något under den befolkningsmässiga fördelningen.',
        status: 'PARTLY_MET',
      },
      {
        year: 2018,
        text: 'Kortare genomströmningstid',
        measure: 'genomsnittlig tid i insatsen',
        target: 'under 19 månader',
        status: 'IN_PROGRESS',
      },
    ],
    events: [],
    source:
      'seed 002 (Insatsplan Säter 2018, bakgrund): Sätersbor kan delta sedan 2015, ' +
      'basverksamhet i Hedemora, coach anställd av Säters kommuns IFO (100 %, ' +
      'överförs till Samverkansteam Säter 2018 och Kraften bidrar med 300 tkr), ' +
      'två psykiatrienheter och två arbetsförmedlingskontor, helårsrapport 2017-08-31: 55 deltagare ' +
      'varav 33 % från Säter, 55 % av avslut till arbete/studier, genomströmningstid 19 månader. ' +
      'demo: startDate (2015 is when Sätersbor could join), form, owners beyond Hedemora ' +
      'and Säter being covered, bookkeeping Hedemora, capacity, all staff except the ' +
      'Säter coach, coach end date, methods, goal targets 50 % and under 19 månader',
  },
];
