"""bmnn — bảo vệ bí mật nhà nước và an ninh mạng."""

__version__ = "0.1.0"
