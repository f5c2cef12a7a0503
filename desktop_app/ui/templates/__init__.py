"""The 模板 tab: 谢/道歉 templates with a form."""
