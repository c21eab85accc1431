namespace NeedsAssessment.Store;

/// <summary>Frictionless Table Schema field types the engine understands.</summary>
public enum FieldType
{
    /// <summary>Text; stored as VARCHAR.</summary>
    String,
    /// <summary>Whole number (a <c>groupChar</c> such as "," may separate thousands); stored as BIGINT.</summary>
    Integer,
    /// <summary>Decimal number; stored as DOUBLE.</summary>
    Number,
    /// <summary>Calendar date (ISO 8601 or dd/mm/yyyy); stored as DATE.</summary>
    Date,
    /// <summary>Date and time (ISO 8601 or dd/mm/yyyy hh:mm[:ss]); stored as TIMESTAMP.</summary>
    DateTime,
    /// <summary>Year and month (YYYY-MM); stored as the DATE of the month's first day.</summary>
    YearMonth,
    /// <summary>True/false from the field's <c>trueValues</c>/<c>falseValues</c>; stored as BOOLEAN.</summary>
    Boolean,
    /// <summary>A GeoJSON geometry object; stored as its JSON text.</summary>
    GeoJson,
}
