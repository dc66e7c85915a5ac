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

  it('an owners’ election: estate, candidates and the number to elect', async () => {
    signedInAs(member(['moderator']));
    const api = routeApi({
      'GET /api/communities': ok([
        {
          id: 1,
          name: '和平里社区',
          subDistrictName: '长青街道',
          estates: [{ id: 3, name: '锦绣华庭', kind: 'commercial' }],
        },
      ]),
      'GET /api/communities/1/councils': ok([]),
      'POST /api/votes': ok({ id: 12 }, 201),
    });
    render(<NewVotePage />);
    fireEvent.input(screen.getByLabelText('标题'), { target: { value: '选举业主委员会委员' } });
    fireEvent.click(screen.getByRole('radio', { name: '业主共同决定（按专有面积和人数）' }));
    fireEvent.click(await screen.findByRole('radio', { name: '锦绣华庭' }));
    expect(screen.queryByRole('radio', { name: '单选' })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: '选举（选出若干人）' }));
    fireEvent.input(screen.getByLabelText('候选人 1'), { target: { value: '孙玉梅' } });
    fireEvent.input(screen.getByLabelText('候选人 2'), { target: { value: '李建国' } });
    fireEvent.click(screen.getByRole('button', { name: '添加候选人' }));
    fireEvent.input(screen.getByLabelText('候选人 3'), { target: { value: '何德明' } });
    fireEvent.click(screen.getByRole('radio', { name: '2 人' }));
    fireEvent.click(screen.getByRole('button', { name: '发起表决' }));
    await waitFor(() => expect(api.callsTo('POST /api/votes')).toHaveLength(1));
    expect(api.callsTo('POST /api/votes')[0]?.data).toEqual(
      expect.objectContaining({
        electorate: 'owners',
        estateId: 3,
        method: 'election',
        options: ['孙玉梅', '李建国', '何德明'],
        maxChoices: 2,
      }),
    );
  });
});
