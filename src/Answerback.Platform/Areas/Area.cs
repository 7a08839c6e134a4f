namespace Answerback.Platform.Areas;

/// <summary>A place: a city, a ward. Areas form a tree through <see cref="ParentId"/>.</summary>
public class Area
{
    public Guid Id { get; set; }

    /// <summary>Unique, URL-safe name used in the area's page address.</summary>
    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The official code (a GSS code such as E05013050), unique when set.</summary>
    public string? Code { get; set; }

    public Guid? ParentId { get; set; }

    public Area? Parent { get; set; }

    public List<Area> Children { get; set; } = [];
}
