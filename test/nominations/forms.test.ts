import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import {
  charCount,
  claimsHonours,
  DECLARATION_TEXTS,
  DECLARATIONS,
  formGaps,
  formJsonSchema,
  formSchema,
  FORM_FIELDS,
  missingDeclarations,
  type NominationForm,
} from '../../shared/nominations/forms';
import * as z from '../../shared/zod';
import { starForm, windowForm } from './fixtures';

const bounds = campaign2019.forms;
const complete = (category: 'window' | 'star') => formSchema(category, bounds, 'complete');
const draft = (category: 'window' | 'star') => formSchema(category, bounds, 'draft');
/** Each issue's message in Chinese (`zh`) and English (`en`). */
const messages = (result: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }) =>
  result.error?.issues.map((i) => z.issueText(i)) ?? [];

describe('application forms (附件2, 附件3)', () => {
  it('accepts complete window and star forms', () => {
    expect(complete('window').safeParse(windowForm()).success).toBe(true);
    expect(complete('star').safeParse(starForm()).success).toBe(true);
  });

  it('refuses unknown fields such as status, stage, scores or a district', () => {
    for (const extra of [{ status: 'approved' }, { stage: 'voting' }, { scores: [20] }, { district: 'city' }]) {
      const result = draft('window').safeParse({ ...windowForm(), ...extra });
      expect(result.success).toBe(false);
    }
  });

  it('checks mainland mobile numbers and allows a landline where the form says phone', () => {
    expect(messages(draft('window').safeParse({ headMobile: '12800000000' }))[0]).toEqual({
      zh: '负责人手机号码：须为 11 位中国大陆手机号码（1[3-9]xxxxxxxxx）',
      en: '负责人手机号码: must be an 11-digit mainland mobile number (1[3-9]xxxxxxxxx)',
    });
    expect(draft('star').safeParse({ mobile: '1380000000' }).success).toBe(false);
    expect(draft('star').safeParse({ mobile: '+8613800000000' }).success).toBe(false);
    for (const phone of ['2372245', '0724-2372245', '07242372245', '13800000000'])
      expect(draft('window').safeParse({ phone }).success).toBe(true);
    expect(draft('window').safeParse({ phone: 'call me' }).success).toBe(false);
  });

  it('counts characters as code points and says the bounds in the error', () => {
    expect(charCount('😀荆门')).toBe(3);
    const emoji = '😀'.repeat(600); // 1200 UTF-16 units, 600 characters: the résumé maximum
    expect(draft('star').safeParse({ resume: emoji }).success).toBe(true);
    expect(messages(draft('star').safeParse({ resume: `${emoji}a` }))[0]).toEqual({
      zh: '个人主要简历（从业经历和职业技能）：须为 0-600 字（现为 601 字）',
      en: '个人主要简历（从业经历和职业技能）: must be 0-600 characters (now 601)',
    });
    expect(messages(complete('star').safeParse(starForm({ resume: '太短' })))[0]?.en).toBe(
      '个人主要简历（从业经历和职业技能）: must be 150-600 characters (now 2)',
    );
  });

  it('refuses lone surrogates, bidirectional overrides, control and (in one-line fields) zero-width characters', () => {
    const first = (unitName: string) => messages(draft('window').safeParse({ unitName }))[0];
    expect(first('ab\uD800c')).toMatchObject({
      zh: expect.stringMatching(/孤立代理项/),
      en: expect.stringMatching(/lone surrogate/),
    });
    expect(first('abc\u202Egpj.exe')?.en).toMatch(/bidirectional/);
    expect(first('a\u200Bb')).toMatchObject({
      zh: expect.stringMatching(/零宽字符/),
      en: expect.stringMatching(/zero-width/),
    });
    expect(first('a\nb')).toMatchObject({
      zh: expect.stringMatching(/须为一行/),
      en: expect.stringMatching(/one line/),
    });
    expect(draft('window').safeParse({ deeds: '第一段\n第二段' }).success).toBe(true);
    expect(draft('window').safeParse({ deeds: 'a\u0000b' }).success).toBe(false);
  });

  it('takes hobbies from the six boxes, each once', () => {
    expect(draft('star').safeParse({ hobbies: ['唱歌', '其他'] }).success).toBe(true);
    expect(draft('star').safeParse({ hobbies: ['篮球'] }).success).toBe(false);
    expect(draft('star').safeParse({ hobbies: ['唱歌', '唱歌'] }).success).toBe(false);
  });

  it('lets a draft be incomplete but still checks what it holds', () => {
    expect(draft('star').safeParse({}).success).toBe(true);
    expect(draft('star').safeParse({ account: '短' }).success).toBe(true);
    expect(draft('star').safeParse({ birthMonth: '1990-13' }).success).toBe(false);
    expect(draft('star').safeParse({ name: 42 }).success).toBe(false);
  });

  it('lists every gap of an incomplete form with its label', () => {
    const gaps = formGaps('star', bounds, { name: '张三', account: '太短' });
    const fields = gaps.map((g) => g.field);
    expect(fields).toContain('mobile');
    expect(fields).toContain('resume');
    expect(fields).not.toContain('name');
    expect(fields).not.toContain('hobbies');
    expect(gaps.find((g) => g.field === 'mobile')).toMatchObject({
      message: '手机号码：必填',
      messageEn: '手机号码: is required',
    });
    // A missing choice too, not "choose one of".
    expect(gaps.find((g) => g.field === 'sex')).toMatchObject({
      message: '性别：必填',
      messageEn: '性别: is required',
    });
    expect(formGaps('star', bounds, { ...starForm(), sex: '未知' }).map((g) => [g.message, g.messageEn])).toEqual([
      ['性别：请从男、女中选择一项', '性别: choose one of 男、女'],
    ]);
    expect(gaps.every((g) => !/应为|expected|invalid input/i.test(`${g.message} ${g.messageEn}`))).toBe(true);
    expect(gaps.find((g) => g.field === 'account')).toMatchObject({
      message: '评选文字材料：须为 500-2000 字（现为 2 字）',
      messageEn: '评选文字材料: must be 500-2000 characters (now 2)',
    });
    expect(formGaps('window', bounds, windowForm())).toEqual([]);
  });

  it('serves each form as JSON Schema with the Chinese labels, required fields and the campaign bounds', () => {
    const schema = formJsonSchema('star', { ...bounds, resumeChars: { min: 200, max: 400 } }) as any;
    expect(schema.title).toBe('荆门市窗口行业优质服务明星评选申报表');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.nativePlace.title).toBe('籍贯');
    expect(schema.properties.resume).toMatchObject({ minLength: 200, maxLength: 400 });
    expect(schema.properties.mobile.pattern).toBe('^1[3-9]\\d{9}$');
    expect(schema.properties.hobbies.items.enum).toEqual(['唱歌', '器乐', '舞蹈', '曲艺', '绘画', '其他']);
    expect(schema.required).toEqual(FORM_FIELDS.star.filter((f) => f.required).map((f) => f.key));
    const window = formJsonSchema('window', bounds) as any;
    expect(Object.values(window.properties).every((p: any) => typeof p.title === 'string')).toBe(true);
    expect(window.properties.account).toMatchObject({ title: '评选文字材料', minLength: 500, maxLength: 2000 });
  });

  it('takes the declarations as a list of the three, each once, and names each one not made', () => {
    expect(draft('window').safeParse({ declarations: ['一线窗口', '廉洁奉公'] }).success).toBe(true);
    expect(draft('star').safeParse({ declarations: ['愿意'] }).success).toBe(false);
    expect(draft('star').safeParse({ declarations: ['廉洁奉公', '廉洁奉公'] }).success).toBe(false);
    expect(draft('star').safeParse({ declarations: '廉洁奉公' }).success).toBe(false);
    // Not a form gap: submitting without them is its own refusal.
    expect(formGaps('star', bounds, starForm({ declarations: [] }))).toEqual([]);
    expect(missingDeclarations('star', starForm())).toEqual([]);
    expect(missingDeclarations('window', windowForm({ declarations: ['无过错投诉'] }))).toEqual([
      expect.objectContaining({
        field: 'declarations',
        declaration: '一线窗口',
        text: DECLARATION_TEXTS.window.一线窗口,
      }),
      expect.objectContaining({ field: 'declarations', declaration: '廉洁奉公' }),
    ]);
    const { declarations: _none, ...undeclared } = starForm();
    expect(missingDeclarations('star', undeclared).map((d) => d.declaration)).toEqual([...DECLARATIONS]);
    const schema = formJsonSchema('star', bounds) as any;
    expect(schema.properties.declarations).toMatchObject({ type: 'array', items: { enum: [...DECLARATIONS] } });
    expect(schema.properties.declarations.description).toContain('廉洁奉公');
    expect(schema.required).not.toContain('declarations');
  });

  it('needs the text of 其他 among the hobbies to submit, and the text only with 其他', () => {
    const gaps = (form: NominationForm) => formGaps('star', bounds, starForm(form)).map((g) => g.field);
    expect(gaps({ hobbies: ['其他'] })).toEqual(['hobbiesOther']);
    expect(gaps({ hobbies: ['其他'], hobbiesOther: '书法' })).toEqual([]);
    expect(gaps({ hobbies: ['唱歌'], hobbiesOther: '书法' })).toEqual(['hobbiesOther']);
    expect(gaps({ hobbiesOther: '书法' })).toEqual(['hobbiesOther']);
    expect(draft('star').safeParse({ hobbiesOther: '书'.repeat(20) }).success).toBe(true);
    expect(draft('star').safeParse({ hobbiesOther: '书'.repeat(21) }).success).toBe(false);
    expect(draft('star').safeParse({ hobbiesOther: '书\n法' }).success).toBe(false);
    // A draft may choose 其他 before writing its text.
    expect(draft('star').safeParse({ hobbies: ['其他'] }).success).toBe(true);
    expect(draft('window').safeParse({ hobbiesOther: '书法' }).success).toBe(false);
  });

  it('takes honours on both forms and knows when they are claimed', () => {
    expect(complete('window').safeParse(windowForm({ honours: '2018年度全市文明窗口' })).success).toBe(true);
    expect(claimsHonours(starForm())).toBe(true);
    expect(claimsHonours(windowForm())).toBe(false);
    expect(claimsHonours(starForm({ honours: '  ' }))).toBe(false);
  });

  it('names the honour of each title in the form', () => {
    expect((formJsonSchema('window', bounds) as any).description).toBe(
      '“荆门市优质服务窗口”同时授予荆门市“工人先锋号”',
    );
  });
});
