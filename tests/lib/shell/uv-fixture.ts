/**
 * A small Flask project as `uv init` + `uv add flask` leave it, and its uv.lock in uv's format.
 * Versions pip's data holds (flask 3.1.2, werkzeug 3.1.9, click 8.1.8 …) install its files; jinja2
 * 3.1.4 and markupsafe 3.0.2 are outside it, so their wheels' sizes are the ones public records give
 * (jinja2 133,271 B in a public uv.lock; the cp312 manylinux markupsafe 23,118 B in a PyPI file
 * list); the others carry the download sizes pip's data gives, unused since its files are known.
 * pytest, in the dev group, has a wheel without a size.
 */
export const PYPROJECT = `[project]
name = "hello"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = [
    "flask>=3.1",
]

[dependency-groups]
dev = [
    "pytest>=8",
]
`;

const registry = 'source = { registry = "https://pypi.org/simple" }';
const wheel = (file: string, size?: number) =>
  `    { url = "https://files.pythonhosted.org/packages/${file}", hash = "sha256:00"${size === undefined ? '' : `, size = ${size}`} },`;

export const UV_LOCK = `version = 1
revision = 3
requires-python = ">=3.12"

[[package]]
name = "blinker"
version = "1.9.0"
${registry}
wheels = [
${wheel('blinker-1.9.0-py3-none-any.whl', 8500)}
]

[[package]]
name = "click"
version = "8.1.8"
${registry}
dependencies = [
    { name = "colorama", marker = "sys_platform == 'win32'" },
]
wheels = [
${wheel('click-8.1.8-py3-none-any.whl', 98200)}
]

[[package]]
name = "colorama"
version = "0.4.6"
${registry}
wheels = [
${wheel('colorama-0.4.6-py2.py3-none-any.whl', 25335)}
]

[[package]]
name = "flask"
version = "3.1.2"
${registry}
dependencies = [
    { name = "blinker" },
    { name = "click" },
    { name = "itsdangerous" },
    { name = "jinja2" },
    { name = "markupsafe" },
    { name = "werkzeug" },
]
wheels = [
${wheel('flask-3.1.2-py3-none-any.whl', 103300)}
]

[[package]]
name = "hello"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "flask" },
]

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]

[package.metadata]
requires-dist = [{ name = "flask", specifier = ">=3.1" }]

[package.metadata.requires-dev]
dev = [{ name = "pytest", specifier = ">=8" }]

[[package]]
name = "itsdangerous"
version = "2.2.0"
${registry}
wheels = [
${wheel('itsdangerous-2.2.0-py3-none-any.whl', 16500)}
]

[[package]]
name = "jinja2"
version = "3.1.4"
${registry}
dependencies = [
    { name = "markupsafe" },
]
wheels = [
${wheel('jinja2-3.1.4-py3-none-any.whl', 133271)}
]

[[package]]
name = "markupsafe"
version = "3.0.2"
${registry}
wheels = [
${wheel('MarkupSafe-3.0.2-cp312-cp312-macosx_11_0_arm64.whl')}
${wheel('MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', 23118)}
${wheel('MarkupSafe-3.0.2-cp312-cp312-win_amd64.whl')}
]

[[package]]
name = "pytest"
version = "8.3.4"
${registry}
wheels = [
${wheel('pytest-8.3.4-py3-none-any.whl')}
]

[[package]]
name = "werkzeug"
version = "3.1.9"
${registry}
dependencies = [
    { name = "markupsafe" },
]
wheels = [
${wheel('werkzeug-3.1.9-py3-none-any.whl', 228500)}
]
`;
