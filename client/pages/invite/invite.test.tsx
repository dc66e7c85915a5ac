import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getSession } from '@/services/session';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import InvitePage from '.';

describe('invite code page', () => {
  it('refuses a code of the wrong shape without calling the server', async () => {
    signedInAs(aMe());
    const api = routeApi({});
    render(<InvitePage />);
    fireEvent.input(screen.getByLabelText('邀请码'), { target: { value: '123' } });
    fireEvent.click(screen.getByRole('button', { name: '确认开通' }));
    expect(await screen.findByText('邀请码是 8 位字母和数字，例如 K7M2-Q9XP')).toBeTruthy();
    expect(api.callsTo('POST /api/auth/redeem-invite')).toHaveLength(0);
  });

  it('redeems a code and stores the new moderator role', async () => {
    signedInAs(aMe());
    const moderator = aMe({
      communities: [{ id: 1, name: '新风社区', subDistrictName: '长青街道', roles: ['moderator'], status: 'active' }],
    });
    const api = routeApi({ 'POST /api/auth/redeem-invite': ok(moderator) });
    render(<InvitePage />);
    fireEvent.input(screen.getByLabelText('邀请码'), { target: { value: 'K7M2-Q9XP' } });
    fireEvent.click(screen.getByRole('button', { name: '确认开通' }));
    await waitFor(() => expect(api.callsTo('POST /api/auth/redeem-invite')).toHaveLength(1));
    expect(api.callsTo('POST /api/auth/redeem-invite')[0]?.data).toEqual({ code: 'K7M2-Q9XP' });
    await waitFor(() => expect(getSession().me?.communities[0]?.roles).toEqual(['moderator']));
  });
});
