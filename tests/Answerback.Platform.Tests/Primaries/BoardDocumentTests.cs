using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Answerback.Formats;
using Answerback.Platform.Primaries;

namespace Answerback.Platform.Tests.Primaries;

public class BoardDocumentTests
{
    private static BoardDocument Read(string json) => BoardDocument.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "board.json");

    [Fact]
    public void ToJson_ClosedBoard_ThePublishedShape()
    {
        var json = TestBoards.WorkedExample().ToJson();

        Assert.StartsWith("{\n  \"format\": \"answerback-board-v1\",\n  \"primaryId\": \"example-primary\",", json, StringComparison.Ordinal);
        Assert.Contains("\"sequence\": 1,\n      \"trackingCode\": \"K7M2Q9XW4D\",\n      \"commitment\": \"115f0fdb", json, StringComparison.Ordinal);
        Assert.Contains("\"ballot\": \"2 1 3\",\n      \"salt\": \"00112233445566778899aabbccddeeff\"", json, StringComparison.Ordinal);
        Assert.Contains("\"publishedAt\": \"2026-05-07T07:00:00+00:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"result\": {\n    \"method\": \"av\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_OpenBoard_NoBallotsSaltsOrResult()
    {
        var json = TestBoards.WorkedExample(closed: false).ToJson();

        Assert.DoesNotContain("\"ballot\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"salt\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"result\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Serialize_WithAspNetCoresWebDefaults_SameDocumentAsTheFile(bool closed)
    {
        // What an endpoint returning Results.Json(board) sends: the shape must not depend on the serializer options.
        var board = TestBoards.WorkedExample(closed);

        var web = JsonSerializer.Serialize(board, JsonSerializerOptions.Web);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(board.ToJson()), JsonNode.Parse(web)), web);
    }

    [Fact]
    public void Read_WhatToJsonWrote_SameBoard()
    {
        var board = TestBoards.WorkedExample();

        var read = Read(board.ToJson());

        Assert.Equal(board.Entries, read.Entries);
        Assert.Equal(board.Checkpoints, read.Checkpoints);
        Assert.Equal(board.Head, read.Head);
        Assert.Equal(board.Candidates, read.Candidates);
        Assert.Equal(board.Result!.ToJsonString(), read.Result!.ToJsonString());
        Assert.True(VerifyBoard.Run(read).Succeeded);
    }

    [Theory]
    [InlineData("", "not a bulletin board")]
    [InlineData("[]", "not a bulletin board")]
    [InlineData("{\"format\":\"answerback-board-v1\"}", "missing required properties")]
    [InlineData("{\"format\":\"answerback-board-v2\",\"primaryId\":\"p\",\"title\":\"t\",\"method\":\"av\",\"seats\":1,\"candidates\":[\"A\"],\"closed\":false,\"entries\":[],\"head\":{\"count\":0,\"hash\":\"x\"}}", "format: expected \"answerback-board-v1\"")]
    [InlineData("{\"primaryId\":\"p\",\"title\":\"t\",\"method\":\"stv\",\"seats\":1,\"candidates\":[\"A\"],\"closed\":false,\"entries\":[],\"head\":{\"count\":0,\"hash\":\"x\"}}", "method: 'stv' is not one of")]
    [InlineData("{\"primaryId\":\"p\",\"title\":\"t\",\"method\":\"av\",\"seats\":2,\"candidates\":[\"A\"],\"closed\":false,\"entries\":[],\"head\":{\"count\":0,\"hash\":\"x\"}}", "seats: 2 seats for 1 candidates")]
    [InlineData("{\"primaryId\":\"p\",\"title\":\"t\",\"method\":\"av\",\"seats\":1,\"candidates\":[\"A\"],\"closed\":false,\"entries\":[{\"sequence\":1,\"trackingCode\":\"K7M2Q9XW4D\",\"hash\":\"x\"}],\"head\":{\"count\":0,\"hash\":\"x\"}}", "entries[0]: not a bulletin board (JSON deserialization was missing required properties including: 'commitment')")]
    [InlineData("{\"primaryId\":\"p\",\"title\":\"t\",\"method\":\"av\",\"seats\":1,\"candidates\":[\"A\"],\"closed\":false,\"entries\":[],\n\"head\":{\"count\":\"none\",\"hash\":\"x\"}}", "board.json:2: head.count")]
    [InlineData("{\"primaryId\":\"p\",\"title\":\"t\",\"method\":\"av\",\"seats\":1,\"candidates\":[\"A\",\"A\"],\"closed\":false,\"entries\":[],\"head\":{\"count\":0,\"hash\":\"x\"}}", "candidates: a name is listed twice")]
    [InlineData("{\"primaryId\":\"p\",\"title\":\"t\",\"method\":\"av\",\"seats\":1,\"candidates\":[\"A\",\"B\\nC\"],\"closed\":false,\"entries\":[],\"head\":{\"count\":0,\"hash\":\"x\"}}", "candidates[1]: must be one line")]
    public void Read_NotABoard_NamesTheField(string json, string expected)
    {
        var ex = Assert.Throws<InputFormatException>(() => Read(json));

        Assert.StartsWith("board.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Answerback.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2:1E6062DC92B77D3242B10C0C16CFE2D65ED9808BDD91663128E5280727159A5D", 2)]
    [InlineData(" 0:f10c72a180f7cf79c1e9275fba75e4256f708a36d923391ae9d106e847211ef6 ", 0)]
    public void Checkpoint_TryParse_CountAndLowerCaseHash(string text, int count)
    {
        Assert.True(BoardCheckpoint.TryParse(text, out var checkpoint, out _));
        Assert.Equal(count, checkpoint.Count);
        Assert.Equal(text.Trim()[2..].ToLowerInvariant(), checkpoint.Hash);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("two:1e6062dc92b77d3242b10c0c16cfe2d65ed9808bdd91663128e5280727159a5d")]
    [InlineData("-1:1e6062dc92b77d3242b10c0c16cfe2d65ed9808bdd91663128e5280727159a5d")]
    [InlineData("2:1e6062dc")]
    public void Checkpoint_TryParse_NotNColonHash_False(string text) => Assert.False(BoardCheckpoint.TryParse(text, out _, out _));
}
