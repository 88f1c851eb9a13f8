import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorNotice, Field, FormErrors } from './ui';

const tooEarly = {
  field: ['input', 'deliveryDate'],
  message: 'the earliest delivery date is 2026-12-03',
  code: 'INVALID_DELIVERY_DATE',
};
const unknownLine = { field: ['input', 'changes', '0', 'lineId'], message: 'no line x', code: 'UNKNOWN_LINE' };

describe('Field', () => {
  it('shows the userError that names it, tied to the control for screen readers', () => {
    const html = renderToStaticMarkup(
      <Field label="Delivery date" name="deliveryDate" errors={[tooEarly, unknownLine]}>
        {(props) => <input {...props} type="date" />}
      </Field>,
    );
    expect(html).toContain('the earliest delivery date is 2026-12-03');
    expect(html).not.toContain('no line x');
    expect(html).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)![1];
    expect(html).toContain(`id="${describedBy}"`);
    expect(html).toMatch(/<label for="([^"]+)">Delivery date<\/label><input id="\1"/);
  });

  it('without errors: a plain labelled control', () => {
    const html = renderToStaticMarkup(
      <Field label="Subject" name="subject">
        {(props) => <input {...props} />}
      </Field>,
    );
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('role="alert"');
  });
});

describe('ErrorNotice', () => {
  it('FORBIDDEN reads "Not allowed for your role"', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('Forbidden: only an associate of this location may do this', { extensions: { code: 'FORBIDDEN' } }),
      ],
    });
    const html = renderToStaticMarkup(<ErrorNotice error={error} />);
    expect(html).toContain('Not allowed for your role');
    expect(html).toContain('role="alert"');
  });

  it('a network failure says so; no error, nothing', () => {
    const error = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(renderToStaticMarkup(<ErrorNotice error={error} />)).toContain('cannot be reached');
    expect(renderToStaticMarkup(<ErrorNotice error={null} />)).toBe('');
  });
});

describe('FormErrors', () => {
  it('lists each message with its code', () => {
    expect(renderToStaticMarkup(<FormErrors errors={[unknownLine]} />)).toContain(
      'no line x <span class="code">(UNKNOWN_LINE)</span>',
    );
  });
});
