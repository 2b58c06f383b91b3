using System;
using System.Text;

namespace Numerics.Generators.Emit;

/// <summary>Writes source text line by line with an indentation level.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private readonly string _indentUnit;
    private int _level;

    public IndentedWriter(string indentUnit = "    ") => _indentUnit = indentUnit;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return this;
        }

        for (int i = 0; i < _level; i++)
        {
            _builder.Append(_indentUnit);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes each line of a multi-line text with the current indentation and a prefix.</summary>
    public IndentedWriter Lines(string text, string prefix = "")
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            Line(prefix + line);
        }

        return this;
    }

    public IDisposable Block(string header, string close = "}")
    {
        Line(header);
        Line("{");
        _level++;
        return new Closer(this, close);
    }

    public void Indent() => _level++;

    public void Unindent() => _level--;

    public override string ToString() => _builder.ToString();

    private sealed class Closer : IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string _close;

        public Closer(IndentedWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._level--;
            _writer.Line(_close);
        }
    }
}
