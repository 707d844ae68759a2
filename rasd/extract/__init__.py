"""(stage package)"""
