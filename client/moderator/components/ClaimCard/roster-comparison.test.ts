import { aClaim } from '../../moderator.fixtures';
import { compareWithRoster } from './roster-comparison';

describe('compareWithRoster', () => {
  it('trusts the server when name and phone matched the roster', () => {
    expect(compareWithRoster(aClaim({ rosterMatched: true })).kind).toBe('verified');
  });

  it('flags an owner whose name is not on file for the unit', () => {
    const claim = aClaim({ relation: 'owner', claimedName: '王五' });
    expect(compareWithRoster(claim)).toMatchObject({ kind: 'name-mismatch', tone: 'danger' });
  });

  it('matches names ignoring spaces, full-width letters and letter case', () => {
    const claim = aClaim({
      relation: 'owner',
      claimedName: 'ｊｏｈｎ smith',
      rosterOwners: [{ name: 'John Smith', phone: null }],
    });
    expect(compareWithRoster(claim)).toMatchObject({ kind: 'name-match', tone: 'success' });
  });

  it('expects a family member or tenant not to be the owner on file', () => {
    expect(compareWithRoster(aClaim({ relation: 'tenant' }))).toMatchObject({ kind: 'not-owner', tone: 'neutral' });
  });

  it('says so when the roster has nobody for the unit', () => {
    expect(compareWithRoster(aClaim({ rosterOwners: [] })).kind).toBe('no-roster');
  });
});
