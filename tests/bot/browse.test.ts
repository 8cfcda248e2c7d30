import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction } from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import {
  buttons,
  isEphemeral,
  messageCarrying,
  type SentMessage,
  sentMessage,
  visibleText,
} from './discordBodies.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR });
  await bot.bot.context.suggester.whenReady();
});
afterAll(() => bot?.stop());

async function command(name: string, options: Record<string, string | number | boolean>) {
  const [response] = await bot.interact(chatInputInteraction({ name, options }));
  return response ? sentMessage(response) : undefined;
}

async function press(label: string, on: SentMessage | undefined) {
  const customId = buttons(on).get(label)?.customId ?? '';
  const [response] = await bot.interact(
    buttonInteraction({ customId, message: messageCarrying(bot.fake, on as SentMessage) }),
  );
  return response ? sentMessage(response) : undefined;
}

async function autocomplete(name: string, focused: { name: string; value: string }) {
  const [response] = await bot.interact(autocompleteInteraction({ name, focused }));
  const body = response?.body as { type: number; data: { choices: Array<{ name: string; value: string }> } };
  expect(body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
  return body.data.choices;
}

describe('autocomplete', () => {
  it('completes the question being typed from the words of the articles', async () => {
    const choices = await autocomplete('ask', { name: 'question', value: 'who commanded the conti' });
    expect(choices[0]).toEqual({ name: 'who commanded the conti', value: 'who commanded the conti' });
    expect(choices.map((choice) => choice.value)).toContain('who commanded the contingent');
  });

  it('completes names as the articles spell them', async () => {
    const choices = await autocomplete('ask', { name: 'question', value: 'what did kassym-jo' });
    expect(choices.map((choice) => choice.value)).toContain('what did Kassym-Jomart Tokayev');
  });

  it("stays within Discord's 25 choices of at most 100 characters", async () => {
    for (const value of ['', 'a', 'the s', `${'why '.repeat(24)}th`]) {
      const choices = await autocomplete('ask', { name: 'question', value });
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('offers articles by title for /source, their ids as values, the title cut to fit', async () => {
    const choices = await autocomplete('source', { name: 'document', value: 'troops land' });
    expect(choices).toEqual([
      {
        name: 'First alliance troops land in Kazakhstan as Tokayev orders a… · Central Asia Wire · 2022-01-07',
        value: 'alliance-troops-land',
      },
    ]);
  });
});

describe('/search', () => {
  it('shows five ranked passages a page, matched words in bold, each with its citation', async () => {
    const page = await command('search', { query: 'Almaty airport' });
    const description = page?.embeds?.[0]?.description ?? '';
    expect(description.match(/^\*\*\d+\.\*\* /gm)).toEqual([
      '**1.** ',
      '**2.** ',
      '**3.** ',
      '**4.** ',
      '**5.** ',
    ]);
    expect(description).toContain('the **airport** in **Almaty**');
    expect(description.match(/\n— .* · ¶\d+/g)).toHaveLength(5);
    expect(page?.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of \d+ · \d+ passages, best match first/);
  });

  it('pages through the results with the buttons', async () => {
    const first = await command('search', { query: 'Almaty airport' });
    const second = await press('Next ▶', first);
    expect(second?.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of /);
    expect(second?.embeds?.[0]?.description).toMatch(/^\*\*6\.\*\* /);
    expect(second?.allowed_mentions).toEqual({ parse: [] });
    const back = await press('◀ Previous', second);
    expect(back?.embeds?.[0]?.description).toBe(first?.embeds?.[0]?.description);
  });

  it('says privately when nothing matches', async () => {
    const reply = await command('search', { query: 'xylophone quartet' });
    expect(isEphemeral(reply)).toBe(true);
    expect(reply?.content).toBe(
      'No passage matches “xylophone quartet”. Try fewer or other words, or ask a question with /ask.',
    );
  });
});

describe('/source', () => {
  it('shows the paragraph asked for with its neighbours, and the article’s details', async () => {
    const reply = await command('source', { document: 'alliance-troops-land', paragraph: 2 });
    const [embed] = reply?.embeds ?? [];
    expect(embed?.title).toBe('First alliance troops land in Kazakhstan as Tokayev orders a crackdown');
    expect(embed?.description).toMatch(/^__Troops arrive__\n\*\*¶1\*\* Transport aircraft/);
    expect(embed?.description).toMatch(
      /\n> \*\*¶2\*\* The contingent sent to Kazakhstan numbers about 2,500 soldiers/,
    );
    expect(embed?.description).toMatch(/\n\*\*¶3\*\* Armenian Prime Minister Nikol Pashinyan/);
    expect(visibleText(reply)).toMatch(/Central Asia Wire[\s\S]*2022-01-07[\s\S]*Dana Seitkali/);
  });

  it('moves to the next paragraph with a button', async () => {
    const reply = await command('source', { document: 'alliance-troops-land', paragraph: 2 });
    const next = await press('Next ▶', reply);
    expect(next?.embeds?.[0]?.description).toMatch(/\n> \*\*¶3\*\* Armenian Prime Minister/);
  });

  it('finds the article from a typed title when it was not picked from the list', async () => {
    const reply = await command('source', { document: 'security council' });
    expect(reply?.embeds?.[0]?.title).toBe('Tokayev takes over security council as Nazarbayev era fades');
  });

  it('explains a paragraph number past the end, or an unknown article, privately', async () => {
    const past = await command('source', { document: 'alliance-troops-land', paragraph: 40 });
    expect(isEphemeral(past)).toBe(true);
    expect(past?.content).toBe(
      '“First alliance troops land in Kazakhstan as Tokayev orders a crackdown” has 6 paragraphs; pick a number from 1 to 6.',
    );
    const unknown = await command('source', { document: 'moon landing' });
    expect(unknown?.content).toBe(
      'No article matches “moon landing”. Start typing its title and pick one from the list.',
    );
  });
});

describe('/about', () => {
  it('tells what the bot knows and how to ask, privately', async () => {
    const reply = await command('about', {});
    expect(isEphemeral(reply)).toBe(true);
    const text = visibleText(reply);
    expect(text).toContain('4 from 4 sources, 35 paragraphs');
    expect(text).toContain('2022-01-07 to 2022-01-19');
    expect(text).toMatch(/<t:\d+:f> \(<t:\d+:R>\) at start-up/);
    expect(text).toContain('`/ask question:` Answer a question');
    expect(text).toContain('Karim Massimov');
  });

  it('does not offer channel digests while the settings leave them off', async () => {
    const text = visibleText(await command('about', {}));
    expect(text).toContain('`/summary`');
    expect(text).toContain('Check against sources');
    expect(text).not.toContain('/digest');
  });
});
