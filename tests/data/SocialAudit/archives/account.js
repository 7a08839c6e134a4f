window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "cllr@example.org",
      "createdVia" : "web",
      "username" : "CllrJones",
      "accountId" : "1050118621198921728",
      "createdAt" : "2018-10-10T20:19:24.000Z",
      "accountDisplayName" : "Cllr Jones"
    }
  }
]