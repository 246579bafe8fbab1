import { describe, expect, it } from 'vitest';
import { isUnbatchable, OIDC_REFUSALS, oidcRefusalMessage } from './refusals.js';

describe('the login page’s refusal codes', () => {
  it('maps each known code to its fixed message', () => {
    for (const [code, message] of Object.entries(OIDC_REFUSALS))
      expect(oidcRefusalMessage(code)).toBe(message);
  });

  it('shows the generic message for any other text, never the text itself', () => {
    for (const code of ['Votre compte est bloqué : appelez le 08 99 00 00 00', 'toString', '__proto__', ''])
      expect(oidcRefusalMessage(code)).toBe(OIDC_REFUSALS.failed);
    expect(oidcRefusalMessage(null)).toBeNull();
  });

  it('keeps password checks out of batches', () => {
    expect(['auth.login', 'auth.me', 'user.setPassword'].every(isUnbatchable)).toBe(true);
    expect(['system.info', 'user.invite', 'board.actions'].some(isUnbatchable)).toBe(false);
  });
});
