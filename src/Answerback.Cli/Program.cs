using Answerback.Cli;

return await AnswerbackCli.RunAsync(args, Console.Out, Console.Error);
