export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/topics/index',
    'pages/councils/index',
    'pages/me/index',
    // Sign-in, consent and the resident's own data: main package (reached from 我的 and on any 401).
    'pages/login/index',
    'pages/privacy/index',
    'pages/claim/index',
    'pages/notifications/index',
    'pages/personal-data/index',
    'pages/invite/index',
    // Topics: detail, the submission form and my topics (residents), a responsible party's queue.
    'pages/topics/detail',
    'pages/topics/new',
    'pages/topics/mine',
    'pages/queue/index',
    // Votes: detail with casting and the receipt, the published record.
    'pages/votes/detail',
    'pages/votes/record',
    // Three-society service projects: the list and public board, the participants' view, calls and applying, filings.
    'pages/projects/index',
    'pages/projects/board',
    'pages/projects/detail',
    'pages/projects/calls',
    'pages/projects/apply',
    'pages/projects/filings',
    // Meetings: the notice with agenda, attendance and check-in; the live page.
    'pages/meetings/detail',
    'pages/meetings/live',
    // Outcomes: the public board (no login; shareable), one decision's entry, implementation progress.
    'pages/board/index',
    'pages/board/detail',
    'pages/outcomes/implementation',
  ],
  // Committee pages load on demand and stay out of the main package.
  subPackages: [
    {
      root: 'moderator',
      name: 'moderator',
      pages: [
        'index/index',
        'approvals/index',
        'members/index',
        'roster/index',
        'topics/inbox',
        'votes/new',
        'projects/index',
        'projects/new',
        'projects/manage',
        'meetings/index',
        'meetings/new',
        'meetings/manage',
        'outcomes/index',
        'votes/paper',
        'votes/paper-confirm',
        'meetings/live/index',
      ],
    },
    // Statistics and ledgers (charts included) for committee staff and sub-district admins.
    { root: 'stats', name: 'stats', pages: ['index/index', 'ledger/index', 'minutes/index'] },
  ],
  lazyCodeLoading: 'requiredComponents',
  window: {
    navigationBarTitleText: '议事',
    navigationBarBackgroundColor: '#1a5a96',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#4a5260',
    selectedColor: '#1a5a96',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/topics/index',
        text: '议题',
        iconPath: 'assets/tabbar/topics.png',
        selectedIconPath: 'assets/tabbar/topics-active.png',
      },
      {
        pagePath: 'pages/councils/index',
        text: '议事会',
        iconPath: 'assets/tabbar/councils.png',
        selectedIconPath: 'assets/tabbar/councils-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
});
