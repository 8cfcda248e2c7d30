import type { Random } from './seededRandom.ts';

const words = (list: string): string[] => list.trim().split(/\s+/);

/** Grammar words, most frequent first, as they rank in English news text. */
export const FUNCTION_WORDS = words(`
  the of and to a in that is was for on it with as he by at from his said be has have are but not they
  which this were an had its their who been will after also would more than one about we or there her she
  two into up all over last new first when other out some no can could them while since against during
  before between under those these because so if only most such where what both many through three then
  any own however around without including among until several each later very our us may just still
  even much another across per within toward whose whether although though nor
`);

/**
 * Content words of news reporting, roughly most frequent first. Inflected forms sit beside their stems,
 * so stemming and lemmatising see the variety real articles have.
 */
export const CONTENT_WORDS = words(`
  government president year people police country security forces city officials ministry minister
  protesters protest protests military troops state power capital public report told announced killed
  arrested authorities leaders leader opposition prices fuel gas unrest violence crisis economic political
  national international foreign week day days time month months years statement spokesman agency news
  region regional border republic parliament election elections law court judge trial charges detained
  detention released release demonstrators demonstration demonstrations rally rallies crowd crowds square
  streets street building buildings residents citizens workers company companies oil energy market markets
  bank banks money economy growth inflation rise rising rose increase increased cut cuts budget tax taxes
  plan plans policy policies reform reforms change changes support supported supporters party parties vote
  voted votes voters talks meeting meetings met visit visited summit agreement deal deals treaty alliance
  member members contingent soldiers peacekeepers peacekeeping mission operation operations withdrawal
  withdraw withdrew withdrawn departure arrived arrival deployed deployment base bases aircraft airport
  flights flight equipment weapons arms armed attack attacks attacked fighting clashes clashed injured
  wounded dead deaths victims hospital hospitals health emergency curfew order ordered orders control
  controlled commander commanded command general officer officers chief head interior defence defense
  army navy intelligence service services committee council cabinet administration office offices resigned
  resignation dismissed appointed appointment prime former current senior top official calls called call
  demanded demands demand response responded respond warned warning warnings threat threats threatened
  terrorists terrorist gangs bandits looting looted looters shops banks damaged destroyed fire fires burned
  buildings internet communications blocked restored shutdown access telephone network networks media
  journalists journalist reporters press television broadcast channel video videos images footage social
  online accounts information investigation investigations prosecutors prosecutor case cases evidence
  sentence sentenced prison jail released freed hostage families family children women men students young
  youth elderly population communities community villages village towns town district province provinces
  industrial industry mining mine mines coal uranium exports export imports trade sanctions partners
  partner relations relationship cooperation neighbour neighbours neighbouring influence interests strategic
  stability stable peace peaceful tensions tension dispute disputes conflict war wars independence
  independent sovereign sovereignty constitution constitutional rights human freedom freedoms democracy
  democratic authoritarian regime rule ruled ruling elite elites clan clans family corruption corrupt wealth
  wealthy rich poor poverty wages salaries salary pensions jobs unemployment living costs cost price
  liquefied petroleum cars vehicles drivers transport roads highway railway trains station stations winter
  cold snow temperatures weather heating electricity shortages shortage supply supplies demand produced
  production output fields reserves pipeline pipelines investors investment investments billion million
  thousand hundreds thousands dozens percent rate rates figures data numbers number total estimated estimate
  counted reported reports reporting claimed claims confirmed confirm denied denies accused accusations
  blamed blame responsible responsibility role roles influence historic history past future years decades
  century generation transition successor successors succeeded replaced replace stepped step steps
  measures measure decree decrees signed sign signing adopted approved approval rejected refused refusal
  allowed permission banned ban restrictions restricted lifted lifting extended extend ended end ending
  began begin begun beginning started start continued continue continuing remained remain remains returned
  return returning left leave leaving stayed moved move moving gathered gathering marched march marching
  chanted shouted fled escape escaped hiding searched search raids raid operation captured seized seizure
  patrols patrol checkpoints guards guarded protected protecting protection defended defending defeated
  victory victories losses lost fears fear feared concern concerns worried calm quiet normal normality
  ceremony ceremonies flags flag anthem honour tribute mourning funeral funerals memorial victims condolences
  praised criticised criticism condemned condemnation welcomed welcome expressed express statement remarks
  speech speeches address addressed televised interview interviews questions answered explained insisted
  stressed noted added suggested believed believe expected expect likely possible unlikely clear unclear
  important key major main largest large small smaller biggest big long short early late recent recently
  previously currently immediately quickly slowly finally again already still never always often sometimes
`);

/** First names for people in the articles. */
export const FIRST_NAMES = words(`
  Kassym Nursultan Askar Karim Dariga Samat Marat Yerlan Bakhyt Aigerim Dinara Olzhas Timur Ruslan Serik
  Andrei Sergei Vladimir Dmitry Alexander Nikolai Igor Oleg Maria Elena Olga Anna Tatiana Irina Natalia
  Nikol Alexander Emomali Sadyr Shavkat Ilham Aliaksandr Anatoly Viktor Yuri Pavel Mikhail Boris Svetlana
  John Michael David James Robert Sarah Laura Emma Thomas Peter Catherine Jennifer Anthony Josep Ursula
  Ahmed Hassan Mehmet Recep Xi Li Wang Zhang
`);

/** Family names for people in the articles. */
export const SURNAMES = words(`
  Tokayev Nazarbayev Mamin Smailov Masimov Sagintayev Abdrakhmanov Kulibayev Nurlanov Zhaksybekov
  Serdiukov Lavrov Peskov Shoigu Zakharova Putin Medvedev Mishustin Volodin Matviyenko Kozak Naryshkin
  Lukashenko Pashinyan Rahmon Japarov Mirziyoyev Aliyev Zas Borodin Ivanov Petrov Sidorov Smirnov Kuznetsov
  Popov Sokolov Lebedev Novikov Morozov Volkov Pavlov Semenov Golubev Vinogradov Bogdanov Vorobyov
  Blinken Price Sullivan Borrell Michel Guterres Bachelet Raab Truss Macron Scholz Baerbock Erdogan
  Wang Zhao Yang Chen Smith Johnson Brown Taylor Wilson Davies Evans Thomas Roberts Walker Wright Green
  Akhmetov Suleimenov Utemisov Baimukhanov Ermekbayev Tasmagambetov Dzhaksybekov Isekeshev Kozhamzharov
`);

/** Titles that precede a name in news copy. */
export const PERSON_TITLES = words(`
  President Minister General Colonel Mr. Mrs. Ms. Dr. Senator Ambassador Mayor Governor Judge Gen.
`);

/** Cities, regions and countries. */
export const PLACES = words(`
  Almaty Astana Nur-Sultan Zhanaozen Aktau Aktobe Shymkent Taraz Karaganda Pavlodar Semey Kyzylorda Atyrau
  Uralsk Kostanay Petropavlovsk Taldykorgan Turkestan Ekibastuz Temirtau Mangystau Zhetysu Moscow
  Petersburg Minsk Yerevan Dushanbe Bishkek Tashkent Baku Tbilisi Kyiv Beijing Urumqi Ankara Istanbul
  Brussels Washington Geneva London Paris Berlin Vienna Kazakhstan Russia Belarus Armenia Tajikistan
  Kyrgyzstan Uzbekistan Turkmenistan Azerbaijan Georgia Ukraine China Turkey Afghanistan Iran Mongolia
  Siberia Caspian Europe Asia
`);

/** Organisations with the acronyms articles define for them in parentheses. */
export const ORGANISATIONS: ReadonlyArray<readonly [string, string]> = [
  ['Collective Security Treaty Organization', 'CSTO'],
  ['Eurasian Economic Union', 'EAEU'],
  ['Shanghai Cooperation Organisation', 'SCO'],
  ['Commonwealth of Independent States', 'CIS'],
  ['European Union', 'EU'],
  ['United Nations', 'UN'],
  ['Organization for Security and Cooperation in Europe', 'OSCE'],
  ['International Monetary Fund', 'IMF'],
  ['World Bank', 'WB'],
  ['National Security Committee', 'NSC'],
  ['Human Rights Watch', 'HRW'],
  ['Amnesty International', 'AI'],
  ['Central Election Commission', 'CEC'],
  ['Agency for Financial Monitoring', 'AFM'],
  ['Ministry of Internal Affairs', 'MIA'],
];

/** Wire services and papers that sign the articles. */
export const SOURCES = words(`
  AFP Reuters AP BBC Eurasianet RFE/RL Interfax TASS Kursiv Vlast Guardian Bloomberg Kommersant Azattyq
`);

export const MONTHS = words(`
  January February March April May June July August September October November December
`);

export const WEEKDAYS = words(`Monday Tuesday Wednesday Thursday Friday Saturday Sunday`);

/** Words no generated article contains, for questions the corpus cannot answer. */
export const ABSENT_WORDS = words(`
  volcano orchestra penguin marathon saxophone galaxy chess recipe tennis dinosaur glacier symphony
  astronaut lottery wedding karaoke surfing origami telescope chocolate
`);

const ONSETS = words(`b br c ch cr d dr f fl g gr h j k kl l m n p pl pr r s sh sk st t tr v w z`);
const NUCLEI = words(`a e i o u a e i o a e ai ou`);
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'st', 'nd', 'rt', 'm', 'k'];
const SUFFIXES = ['', '', '', 'ation', 'ment', 'ist', 'ive', 'ing', 'ed', 'er', 's', 'ity', 'al', 'ism'];

/**
 * Rare words for the long tail of the vocabulary: real news is full of one-off names and terms, and an
 * index's size depends on how many distinct terms it holds. Built from English-like syllables.
 */
export function rareWords(random: Random, count: number, known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  while (found.size < count) {
    let word = '';
    const syllables = random.int(1, 3);
    for (let i = 0; i < syllables; i++)
      word += random.pick(ONSETS) + random.pick(NUCLEI) + random.pick(CODAS);
    word += random.pick(SUFFIXES);
    if (word.length >= 4 && !known.has(word)) found.add(word);
  }
  return [...found];
}
