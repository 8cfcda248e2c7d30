import { describe, expect, it } from 'vitest';
import { eventDateOf, eventDatesIn, formatEventDate } from '../../src/summary/eventDates.ts';

// 2022-01-13 was a Thursday.
const SEED_DATE = '2022-01-13';

describe('dates resolved against the article’s date', () => {
  it('reads “On Thursday” in a Thursday article as that very day', () => {
    expect(
      eventDateOf(
        'On Thursday, the Russian-led military contingent began its withdrawal from Kazakhstan.',
        SEED_DATE,
      ),
    ).toEqual({
      date: '2022-01-13',
      precision: 'day',
      approximate: false,
      upcoming: false,
      text: 'On Thursday',
    });
  });

  it('reads a month and day without a year in the article’s year', () => {
    expect(
      eventDateOf('These men were sent to the former Soviet republic on January 6.', SEED_DATE)?.date,
    ).toBe('2022-01-06');
  });

  it('reads “last week” as a week before, and marks it approximate', () => {
    expect(eventDateOf('Kazakhstan was rocked last week by violence.', SEED_DATE)).toMatchObject({
      date: '2022-01-06',
      precision: 'week',
      approximate: true,
      text: 'last week',
    });
  });

  it('reads a bare weekday in a report as the most recent one, not the next', () => {
    const arrest =
      'One of Nazarbayev’s allies, Karim Massimov, was also arrested on Saturday for high treason.';
    expect(eventDateOf(arrest, SEED_DATE)).toMatchObject({
      date: '2022-01-08',
      approximate: false,
      upcoming: false,
    });
    // 2022-01-05 was a Wednesday.
    expect(
      eventDateOf('Tokayev took over as chairman of the Security Council on Wednesday.', '2022-01-08')?.date,
    ).toBe('2022-01-05');
  });

  it('reads a weekday in a clause that looks ahead as the next one, marked as still ahead', () => {
    // 2022-01-14 was a Friday; the next Wednesday is January 19.
    expect(
      eventDateOf(
        'The last planes carrying Russian paratroopers are expected to leave Almaty airport on Wednesday.',
        '2022-01-14',
      ),
    ).toMatchObject({ date: '2022-01-19', upcoming: true });
    expect(
      eventDateOf('The mayor said public transport would run on its normal timetable from Monday.', SEED_DATE)
        ?.date,
    ).toBe('2022-01-17');
  });

  it('keeps a deadline where it is: “by January 22” is January 22, still ahead', () => {
    const mentions = eventDatesIn(
      'These men were sent to the former Soviet republic on January 6 and are expected to complete their departure by January 22, according to the CSTO and Kazakh authorities.',
      SEED_DATE,
    );
    expect(mentions.map(({ date, upcoming }) => ({ date, upcoming }))).toEqual([
      { date: '2022-01-06', upcoming: false },
      { date: '2022-01-22', upcoming: true },
    ]);
  });

  it('dates a sentence by its event, not by a plan it reports or a date it looks back to', () => {
    expect(
      eventDateOf(
        'These men were sent to the former Soviet republic on January 6 and are expected to complete their departure by January 22.',
        SEED_DATE,
      )?.date,
    ).toBe('2022-01-06');
    expect(
      eventDateOf(
        'Russian-led troops will complete their withdrawal from Kazakhstan by January 19, the alliance said on Friday.',
        '2022-01-14',
      ),
    ).toMatchObject({ date: '2022-01-14', text: 'on Friday' });
    expect(
      eventDateOf(
        'In addition, the airport in Almaty, closed since last week after being looted, received its first civil flight this Thursday.',
        SEED_DATE,
      ),
    ).toMatchObject({ date: '2022-01-13', text: 'this Thursday' });
  });

  it('treats a date after “since” or “until” as a backdrop, not as the event’s date', () => {
    expect(
      eventDateOf('Kazakhstan had not seen such turmoil since it became independent in 1991.', '2022-01-19'),
    ).toBe(undefined);
    const rocked = eventDatesIn(
      'Kazakhstan was rocked last week by violence not seen since its independence in 1991.',
      SEED_DATE,
    );
    expect(rocked.find((mention) => mention.text === '1991')).toMatchObject({
      background: true,
      precision: 'year',
    });
    expect(
      eventDateOf('Banks reopened on Tuesday for the first time since January 5.', '2022-01-11')?.date,
    ).toBe('2022-01-11');
  });

  it('reads a year after a preposition as an approximate date of that year', () => {
    expect(
      eventDateOf('In 2011, police opened fire on striking oil workers in the town.', '2022-01-04'),
    ).toEqual({
      date: '2011-01-01',
      precision: 'year',
      approximate: true,
      upcoming: false,
      text: '2011',
    });
    expect(eventDateOf('He stepped down as president in 2019.', '2022-01-08')?.date).toBe('2019-01-01');
  });

  it('reads counted days back and “yesterday” from the article’s date', () => {
    expect(
      eventDateOf(
        'Two days ago, President Tokayev told parliament that the country had faced a terrorist attack.',
        '2022-01-19',
      )?.date,
    ).toBe('2022-01-17');
    expect(
      eventDateOf('Police had detained more than 200 people by yesterday evening.', '2022-01-05')?.date,
    ).toBe('2022-01-04');
  });

  it('reads a month alone as that month, approximate, in the nearest year', () => {
    expect(eventDateOf('In December, prices rose sharply across the country.', SEED_DATE)).toMatchObject({
      date: '2021-12-01',
      precision: 'month',
      approximate: true,
    });
  });

  it('does not take spans of time or times of day for dates', () => {
    expect(
      eventDatesIn(
        'They began handing over buildings that they had been guarding for several days.',
        SEED_DATE,
      ),
    ).toEqual([]);
    expect(eventDatesIn('A ceremony took place in the morning in Almaty.', SEED_DATE)).toEqual([]);
    expect(
      eventDatesIn('The government says 225 people were killed, including 19 police officers.', SEED_DATE),
    ).toEqual([]);
  });

  it('places only dates that name their year when the article is undated', () => {
    expect(eventDateOf('On Thursday, the contingent began its withdrawal.', '')).toBe(undefined);
    expect(eventDateOf('The contingent began its withdrawal on January 13, 2022.', '')?.date).toBe(
      '2022-01-13',
    );
  });

  it('shows each precision the way a reader expects', () => {
    const base = { approximate: true, upcoming: false, text: '' };
    expect(formatEventDate({ ...base, date: '2022-01-13', precision: 'day', approximate: false })).toBe(
      '2022-01-13',
    );
    expect(formatEventDate({ ...base, date: '2022-01-06', precision: 'week' })).toBe('week of 2022-01-06');
    expect(formatEventDate({ ...base, date: '2021-12-01', precision: 'month' })).toBe('December 2021');
    expect(formatEventDate({ ...base, date: '1991-01-01', precision: 'year' })).toBe('1991');
  });
});
