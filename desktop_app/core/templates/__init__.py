"""谢/道歉 templates: the placeholder grammar, filling, finding and composing."""
