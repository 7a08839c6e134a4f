using System.IO.Compression;
using System.Text;

namespace Answerback.SocialAudit.Tests.Import;

/// <summary>Builds realistic archives (folder or zip) in a temp folder, in the shape the networks export them.</summary>
internal sealed class ArchiveFiles : IDisposable
{
    public ArchiveFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "answerback-audit-" + Guid.NewGuid().ToString("N"));

    public const string XAccount = """
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
        """;

    public const string XTweets = """
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
        """;

    public const string MastodonOutbox = """
        {
          "@context": "https://www.w3.org/ns/activitystreams",
          "id": "outbox.json",
          "type": "OrderedCollection",
          "totalItems": 3,
          "orderedItems": [
            {
              "id": "https://social.example/users/jones/statuses/111/activity",
              "type": "Create",
              "actor": "https://social.example/users/jones",
              "published": "2024-05-01T10:00:00Z",
              "to": ["https://www.w3.org/ns/activitystreams#Public"],
              "cc": ["https://social.example/users/jones/followers"],
              "object": {
                "id": "https://social.example/users/jones/statuses/111",
                "type": "Note",
                "summary": null,
                "inReplyTo": null,
                "published": "2024-05-01T10:00:00Z",
                "url": "https://social.example/@jones/111",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
                "cc": ["https://social.example/users/jones/followers"],
                "sensitive": false,
                "content": "<p>Surgery on Saturday &amp; all welcome <a href=\"https://social.example/tags/ward3\" class=\"mention hashtag\" rel=\"tag\">#<span>ward3</span></a> <a href=\"https://council.example/surgery\" rel=\"nofollow noopener\" target=\"_blank\">council.example/surgery</a></p>",
                "attachment": [],
                "tag": [{ "type": "Hashtag", "href": "https://social.example/tags/ward3", "name": "#ward3" }]
              }
            },
            {
              "id": "https://social.example/users/jones/statuses/112/activity",
              "type": "Create",
              "actor": "https://social.example/users/jones",
              "published": "2024-05-01T11:00:00Z",
              "to": ["https://social.example/users/jones/followers"],
              "cc": ["https://www.w3.org/ns/activitystreams#Public", "https://other.example/users/ann"],
              "object": {
                "id": "https://social.example/users/jones/statuses/112",
                "type": "Note",
                "inReplyTo": "https://other.example/users/ann/statuses/900",
                "published": "2024-05-01T11:00:00Z",
                "to": ["https://social.example/users/jones/followers"],
                "cc": ["https://www.w3.org/ns/activitystreams#Public", "https://other.example/users/ann"],
                "content": "<p><span class=\"h-card\"><a href=\"https://other.example/@ann\" class=\"u-url mention\">@<span>ann</span></a></span> Fixed now.<br>Thanks</p>",
                "tag": [{ "type": "Mention", "href": "https://other.example/users/ann", "name": "@ann@other.example" }],
                "unknownField": { "nested": [1, 2, 3] }
              }
            },
            {
              "id": "https://social.example/users/jones/statuses/113/activity",
              "type": "Announce",
              "actor": "https://social.example/users/jones",
              "published": "2024-05-02T09:30:00Z",
              "to": ["https://www.w3.org/ns/activitystreams#Public"],
              "cc": ["https://social.example/users/jones/followers"],
              "object": "https://party.example/users/hq/statuses/5"
            }
          ]
        }
        """;

    public const string MastodonActor = """{ "@context": "https://www.w3.org/ns/activitystreams", "id": "https://social.example/users/jones", "type": "Person", "preferredUsername": "jones", "name": "Cllr Jones" }""";

    public const string BlueskyFeed = """
        {
          "feed": [
            {
              "post": {
                "uri": "at://did:plc:jones/app.bsky.feed.post/3kaaa",
                "cid": "bafy1",
                "author": { "did": "did:plc:jones", "handle": "jones.bsky.social", "displayName": "Cllr Jones" },
                "record": {
                  "$type": "app.bsky.feed.post",
                  "text": "Bin collections change next week, details: council.example/bins #ward3",
                  "createdAt": "2024-06-01T08:00:00.000Z",
                  "langs": ["en"],
                  "facets": [
                    { "index": { "byteStart": 43, "byteEnd": 63 }, "features": [{ "$type": "app.bsky.richtext.facet#link", "uri": "https://council.example/bins" }] },
                    { "index": { "byteStart": 64, "byteEnd": 70 }, "features": [{ "$type": "app.bsky.richtext.facet#tag", "tag": "ward3" }] }
                  ]
                },
                "replyCount": 1, "repostCount": 0, "likeCount": 2,
                "indexedAt": "2024-06-01T08:00:01.000Z",
                "labels": []
              }
            },
            {
              "post": {
                "uri": "at://did:plc:jones/app.bsky.feed.post/3kbbb",
                "cid": "bafy2",
                "author": { "did": "did:plc:jones", "handle": "jones.bsky.social" },
                "record": {
                  "$type": "app.bsky.feed.post",
                  "text": "Thanks, passed to the team.",
                  "createdAt": "2024-06-01T09:00:00.000Z",
                  "reply": {
                    "parent": { "uri": "at://did:plc:voter/app.bsky.feed.post/3kccc", "cid": "bafy3" },
                    "root": { "uri": "at://did:plc:jones/app.bsky.feed.post/3kaaa", "cid": "bafy1" }
                  }
                },
                "indexedAt": "2024-06-01T09:00:01.000Z"
              },
              "reply": {
                "root": { "$type": "app.bsky.feed.defs#postView", "uri": "at://did:plc:jones/app.bsky.feed.post/3kaaa" },
                "parent": { "$type": "app.bsky.feed.defs#postView", "uri": "at://did:plc:voter/app.bsky.feed.post/3kccc" }
              }
            },
            {
              "post": {
                "uri": "at://did:plc:party/app.bsky.feed.post/3kddd",
                "cid": "bafy4",
                "author": { "did": "did:plc:party", "handle": "party.example" },
                "record": { "$type": "app.bsky.feed.post", "text": "Our manifesto", "createdAt": "2024-06-02T07:00:00.000Z" },
                "indexedAt": "2024-06-02T07:00:00.000Z"
              },
              "reason": { "$type": "app.bsky.feed.defs#reasonRepost", "by": { "did": "did:plc:jones", "handle": "jones.bsky.social" }, "indexedAt": "2024-06-02T07:30:00.000Z" }
            }
          ],
          "cursor": "2024-06-01T08:00:00.000Z"
        }
        """;

    public const string BlueskyThread = """
        {
          "thread": {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": {
              "uri": "at://did:plc:jones/app.bsky.feed.post/3kaaa",
              "author": { "did": "did:plc:jones", "handle": "jones.bsky.social" },
              "record": { "$type": "app.bsky.feed.post", "text": "Bin collections change next week, details: council.example/bins #ward3", "createdAt": "2024-06-01T08:00:00.000Z" },
              "indexedAt": "2024-06-01T08:00:01.000Z"
            },
            "replies": [
              {
                "$type": "app.bsky.feed.defs#threadViewPost",
                "post": {
                  "uri": "at://did:plc:voter/app.bsky.feed.post/3kccc",
                  "author": { "did": "did:plc:voter", "handle": "voter.bsky.social" },
                  "record": { "$type": "app.bsky.feed.post", "text": "My street was missed again", "createdAt": "2024-06-01T08:30:00.000Z",
                    "reply": { "parent": { "uri": "at://did:plc:jones/app.bsky.feed.post/3kaaa" }, "root": { "uri": "at://did:plc:jones/app.bsky.feed.post/3kaaa" } } },
                  "indexedAt": "2024-06-01T08:30:00.000Z"
                },
                "replies": [
                  { "$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://did:plc:gone/app.bsky.feed.post/x", "notFound": true }
                ]
              }
            ]
          }
        }
        """;

    public string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    public string Write(string relative, byte[] content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Zip(string name, params (string Entry, string Content)[] entries)
    {
        var path = Path.Combine(Root, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            using var s = zip.CreateEntry(entry).Open();
            s.Write(Encoding.UTF8.GetBytes(content));
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
