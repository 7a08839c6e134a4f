window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : { "initial" : { "editTweetIds" : [ "1050118621198921729" ], "editableUntil" : "2018-10-10T21:19:24.000Z" } },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ { "text" : "Budget", "indices" : [ "30", "37" ] } ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ { "url" : "https://t.co/abc", "expanded_url" : "https://council.example/budget", "display_url" : "council.example/budget", "indices" : [ "38", "61" ] } ]
      },
      "display_text_range" : [ "0", "61" ],
      "favorite_count" : "3",
      "id_str" : "1050118621198921729",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1050118621198921729",
      "created_at" : "Wed Oct 10 20:19:24 +0000 2018",
      "favorited" : false,
      "full_text" : "The budget passed tonight &amp; #Budget https://t.co/abc",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ { "name" : "A Voter", "screen_name" : "voter1", "indices" : [ "0", "7" ], "id_str" : "99", "id" : "99" } ], "urls" : [ ] },
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1050118621198921800",
      "id_str" : "1050118621198921900",
      "in_reply_to_user_id" : "99",
      "id" : "1050118621198921900",
      "in_reply_to_status_id" : "1050118621198921800",
      "created_at" : "Thu Oct 11 08:00:00 +0000 2018",
      "full_text" : "@voter1 Thanks, I will raise it.",
      "in_reply_to_screen_name" : "voter1",
      "in_reply_to_user_id_str" : "99"
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "user_mentions" : [ { "screen_name" : "party", "id_str" : "7" } ], "urls" : [ ] },
      "id_str" : "1050118621198922000",
      "id" : "1050118621198922000",
      "created_at" : "Thu Oct 11 09:00:00 +0000 2018",
      "full_text" : "RT @party: Vote for us on Thursday"
    }
  }
]