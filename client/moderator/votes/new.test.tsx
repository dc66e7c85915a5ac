import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import NewVotePage from './new';

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

describe('发起表决', () => {
  it('a moderator opens a residents vote and lands on it', async () => {
    signedInAs(member(['moderator']));
    const api = routeApi({ 'POST /api/votes': ok({ id: 9 }, 201) });
    render(<NewVotePage />);
    fireEvent.input(screen.getByLabelText('标题'), { target: { value: '东门加装充电桩' } });
    fireEvent.click(screen.getByRole('radio', { name: '三分之二以上同意' }));
    fireEvent.click(screen.getByRole('button', { name: '发起表决' }));
    await waitFor(() => expect(api.callsTo('POST /api/votes')).toHaveLength(1));
    expect(api.callsTo('POST /api/votes')[0]?.data).toEqual(
      expect.objectContaining({
        communityId: 1,
        title: '东门加装充电桩',
        electorate: 'residents',
        majority: 'two_thirds',
      }),
    );
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/votes/detail?id=9' }));
  });

  it('is refused to others', () => {
    signedInAs(member(['resident']));
    render(<NewVotePage />);
    expect(screen.getByText('只有社区工作者可以发起表决')).toBeTruthy();
  });
});
